package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import newsroom.domain.Release;
import newsroom.json.LightJson;
import newsroom.log.JsonLog;
import newsroom.render.Markdown;
import newsroom.render.SearchDictionary;
import newsroom.render.SearchFacets;
import newsroom.render.SearchPostings;
import newsroom.render.SearchRecent;
import newsroom.render.SearchTerms;
import newsroom.render.SitePaths;
import newsroom.service.port.Cdn;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SearchCopies;
import newsroom.service.port.SearchDocs;
import newsroom.service.port.SiteBucket;

/**
 * The site's search index, static in the site bucket: no search server. Its parts:
 *
 * <ul>
 *   <li>{@code search/manifest.json}: the current dictionary file for each two-letter prefix, the
 *       facets file, the categories and years to filter by (the only part that changes in place);</li>
 *   <li>{@code search/p/<prefix>.<hash>.json}: the words starting with those letters, each with its
 *       count and the version of its postings ({@link SearchDictionary});</li>
 *   <li>{@code search/t/<word>.<hash>.json}: one word's releases and weights
 *       ({@link SearchPostings}), so a query fetches the postings of exactly its words;</li>
 *   <li>{@code search/f.<hash>.json}: each release's category and year, read only to filter;</li>
 *   <li>{@code search/r.<hash>.json}: the releases changed since the word files were last
 *       written, as they now are ({@link SearchRecent}), with what their results show, which the
 *       browser lets win over the rest;</li>
 *   <li>{@code search/d/<number>.json}: what a result shows of one release in the word files.</li>
 * </ul>
 *
 * Every file but the manifest and the results is named by its content, so cached for
 * ever and never invalidated. A change of a few releases writes a new recent file and the
 * manifest (and deletes the result files of those that left the index). Once the recent file
 * would name more than {@link #FOLD} releases, the change folds them all into the word files:
 * the postings of the words they had and have, those words' dictionaries, their result files and
 * the facets, a number of objects set by the releases changed, whatever
 * the size of the archive, each bounded by {@link SearchPostings#CAP}. A withdrawn or no longer
 * public release leaves every word it was under, at once (the recent file names it with no
 * words, which hides it in the word files); an embargoed one is never indexed. One writer at a
 * time (the search index's lease, {@link SearchRounds}),
 * so no change is lost to another. A release keeps its number through a rebuild, so a rebuild of
 * an unchanged archive writes the same files under the same names.
 */
public final class SearchIndexer {
    private static final JsonLog LOG = JsonLog.of(SearchIndexer.class);
    public static final String MANIFEST = "search/manifest.json";
    /** The manifest is read first by every search: a minute in the CDN, invalidated on each change. */
    public static final String MANIFEST_CACHE = "public, max-age=0, s-maxage=60";
    private static final int LAYOUT = 2;
    /**
     * The most releases the recent file names before they go into the word files: about a
     * kilobyte each on a first query's wire (a third gzipped), against a hundred objects or so
     * that each would otherwise write.
     */
    public static final int FOLD = 32;
    /** And the most bytes it may have (a release of thousands of different words goes straight into the word files). */
    public static final int RECENT_BYTES = 64 * 1024;
    private static final int SUMMARY = 240;
    private static final String JSON = "application/json; charset=utf-8";
    /**
     * A publish reads and writes the files of its words (a hundred or so) in parallel; daemon
     * threads, shared by every indexer in the process.
     */
    private static final java.util.concurrent.ExecutorService IO = AtOnce.pool("search-io", 8);

    /** What the browser reads first. */
    public record Manifest(int version, int docs, Map<String, String> words, String facets,
                           List<String> categories, List<Integer> years, String recent) {

        /**
         * Read with jackson-core alone, as it is written ({@link #toJson}): the first change to the
         * search index after a cold start does not build Jackson's object mapping for it.
         */
        @SuppressWarnings("unchecked")
        static Manifest of(Map<?, ?> fields) {
            try {
                return new Manifest((Integer) fields.get("version"), (Integer) fields.get("docs"),
                        new TreeMap<>((Map<String, String>) fields.get("words")), (String) fields.get("facets"),
                        new ArrayList<>((List<String>) fields.get("categories")),
                        new ArrayList<>((List<Integer>) fields.get("years")), (String) fields.get("recent"));
            } catch (ClassCastException | NullPointerException e) {
                throw new IllegalArgumentException("cannot read the search manifest from JSON", e);
            }
        }

        byte[] toJson() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", version);
            fields.put("docs", docs);
            fields.put("words", words);
            fields.put("facets", facets); // left out when null, as before
            fields.put("categories", categories);
            fields.put("years", years);
            fields.put("recent", recent); // left out when null: every change is in the word files
            return LightJson.plain(fields).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** What one run of the indexer wrote. */
    public record Result(int releases, List<String> keys, List<String> cdnPaths) {
    }

    private final ReleaseRepository releases;
    private final SearchDocs docs;
    private final SiteBucket bucket;
    private final Cdn cdn;
    private final SitePaths paths;
    private SearchCopies searchCopies = SearchCopies.NONE;
    private final Clock clock;

    public SearchIndexer(ReleaseRepository releases, SearchDocs docs, SiteBucket bucket, Cdn cdn, SitePaths paths,
                         Clock clock) {
        this.releases = releases;
        this.docs = docs;
        this.bucket = bucket;
        this.cdn = cdn;
        this.paths = paths;
        this.clock = clock;
    }

    /** With copies of the files a change reads, read together ({@link SearchCopies}). */
    public SearchIndexer withCopies(SearchCopies copies) {
        this.searchCopies = copies;
        return this;
    }

    /** SnapStart priming: reads the manifest, as every change to the index begins. */
    public void prime() {
        manifest();
    }

    /** The manifest as it stands; an empty one if there is none, or one of an older layout. */
    private Manifest manifest() {
        Optional<byte[]> raw = bucket.read(MANIFEST);
        if (raw.isPresent() && LightJson.readPlain(raw.get(), "the search manifest") instanceof Map<?, ?> fields
                && fields.get("version") instanceof Integer layout && layout == LAYOUT) {
            return Manifest.of(fields);
        }
        return new Manifest(LAYOUT, 0, new TreeMap<>(), null, new ArrayList<>(), new ArrayList<>(), null);
    }

    private static String dictionaryKey(String prefix, String hash) {
        return "search/p/" + prefix + "." + hash + ".json";
    }

    private static String postingsKey(String word, String hash) {
        return "search/t/" + word + "." + hash + ".json";
    }

    private static String facetsKey(String hash) {
        return "search/f." + hash + ".json";
    }

    private static String recentKey(String hash) {
        return "search/r." + hash + ".json";
    }

    static String docKey(int number) {
        return "search/d/" + number + ".json";
    }

    /** The parts of the index one run has read and changed, written together at its end. */
    private final class Parts {
        final Manifest manifest;
        final Map<String, SearchDictionary> dictionaries = new TreeMap<>();
        final Map<String, SearchPostings> postings = new TreeMap<>();
        final Set<String> changed = new TreeSet<>();
        SearchFacets facets;
        /** The copies read for this run ({@link SearchCopies}), each used only if its hash is the file's. */
        private final Map<String, SearchCopies.Copy> copies = new java.util.concurrent.ConcurrentHashMap<>();
        /** Files read from the bucket or written in this run, whose copies are out of date: kept at its end. */
        final Map<String, SearchCopies.Copy> toKeep = new java.util.concurrent.ConcurrentHashMap<>();
        /** A change keeps copies; a rebuild, which reads nothing, does not write thousands of them. */
        private final boolean keepCopies;

        Parts(Manifest manifest, boolean keepCopies) {
            this.manifest = manifest;
            this.keepCopies = keepCopies;
        }

        SearchDictionary dictionary(String prefix) {
            return dictionaries.computeIfAbsent(prefix, this::readDictionary);
        }

        private SearchDictionary readDictionary(String prefix) {
            String hash = manifest.words().get(prefix);
            return hash == null ? SearchDictionary.empty()
                    : read("p:" + prefix, hash, dictionaryKey(prefix, hash)).map(SearchDictionary::parse)
                            .orElse(SearchDictionary.empty());
        }

        /** The file by this name and hash: its copy when that is the file's, else the bucket's (and then copied). */
        private Optional<byte[]> read(String name, String hash, String key) {
            SearchCopies.Copy copy = copies.get(name);
            if (copy != null && copy.hash().equals(hash)) {
                return Optional.of(copy.json());
            }
            Optional<byte[]> file = bucket.read(key);
            file.ifPresent(json -> keep(name, hash, json));
            return file;
        }

        /** This file's copy, kept at the end of a change unless the copy read already is it. */
        void keep(String name, String hash, byte[] json) {
            SearchCopies.Copy copy = copies.get(name);
            if (keepCopies && (copy == null || !copy.hash().equals(hash))) {
                toKeep.put(name, new SearchCopies.Copy(hash, json));
            }
        }

        SearchPostings postings(String word) {
            changed.add(word);
            return postings.computeIfAbsent(word, this::readPostings);
        }

        private SearchPostings readPostings(String word) {
            SearchDictionary.Entry entry = dictionary(SearchTerms.shardOf(word)).get(word);
            return entry == null ? new SearchPostings()
                    : read("t:" + word, entry.hash(), postingsKey(word, entry.hash()))
                            .map(SearchPostings::parse).orElse(new SearchPostings());
        }

        /**
         * Reads the dictionaries, then the postings, of these words at once rather than one by one;
         * first their copies, all together, which leaves only the files without a good copy to read.
         */
        void prefetch(Set<String> words) {
            Set<String> names = new TreeSet<>();
            words.stream().map(SearchTerms::shardOf).filter(p -> !dictionaries.containsKey(p)).forEach(p -> names.add("p:" + p));
            words.stream().filter(w -> !postings.containsKey(w)).forEach(w -> names.add("t:" + w));
            if (facets == null && manifest.facets() != null) {
                names.add("f");
            }
            copies.putAll(searchCopies.readAll(names));
            Map<String, SearchDictionary> read = new java.util.concurrent.ConcurrentHashMap<>();
            parallel(words.stream().map(SearchTerms::shardOf).filter(p -> !dictionaries.containsKey(p))
                    .collect(java.util.stream.Collectors.toSet()), p -> read.put(p, readDictionary(p)));
            dictionaries.putAll(read);
            Map<String, SearchPostings> lists = new java.util.concurrent.ConcurrentHashMap<>();
            parallel(words.stream().filter(w -> !postings.containsKey(w)).toList(),
                    w -> lists.put(w, readPostings(w)));
            postings.putAll(lists);
        }

        /** The changes not yet in the word files; its copy read first, as every change begins with it. */
        SearchRecent recent() {
            String hash = manifest.recent();
            if (hash == null) {
                return SearchRecent.empty();
            }
            copies.putAll(searchCopies.readAll(Set.of("r")));
            return read("r", hash, recentKey(hash)).map(SearchRecent::parse).orElse(SearchRecent.empty());
        }

        SearchFacets facets() {
            if (facets == null) {
                facets = manifest.facets() == null ? SearchFacets.empty()
                        : read("f", manifest.facets(), facetsKey(manifest.facets())).map(SearchFacets::parse)
                                .orElse(SearchFacets.empty());
            }
            return facets;
        }

        /** Writes the changed words, then their dictionaries; the manifest's new map of dictionaries. */
        Map<String, String> write(List<String> keys) {
            Map<String, String> current = new TreeMap<>(manifest.words());
            Set<String> prefixes = new TreeSet<>();
            Map<String, byte[]> files = new TreeMap<>();
            for (String word : changed) {
                SearchPostings list = postings.get(word);
                String prefix = SearchTerms.shardOf(word);
                SearchDictionary dictionary = dictionary(prefix);
                prefixes.add(prefix);
                if (list.isEmpty()) {
                    dictionary.remove(word);
                    continue;
                }
                byte[] json = list.toJson();
                String hash = hash(json);
                SearchDictionary.Entry before = dictionary.get(word);
                if (before == null || !before.hash().equals(hash)) {
                    files.put(postingsKey(word, hash), json);
                }
                keep("t:" + word, hash, json);
                dictionary.put(word, new SearchDictionary.Entry(list.size(), hash));
            }
            putAll(files, keys);
            files.clear();
            for (String prefix : prefixes) {
                SearchDictionary dictionary = dictionaries.get(prefix);
                if (dictionary.isEmpty()) {
                    current.remove(prefix);
                    continue;
                }
                byte[] json = dictionary.toJson();
                String hash = hash(json);
                if (!hash.equals(current.get(prefix))) {
                    files.put(dictionaryKey(prefix, hash), json);
                    current.put(prefix, hash);
                }
                keep("p:" + prefix, hash, json);
            }
            // The dictionaries only after every postings file they name is there.
            putAll(files, keys);
            return current;
        }

        private void putAll(Map<String, byte[]> files, List<String> keys) {
            parallel(files.entrySet(), f -> bucket.put(f.getKey(), f.getValue(), JSON, SiteBucket.ASSET_CACHE));
            keys.addAll(files.keySet());
        }

        String writeFacets(List<String> keys) {
            if (facets == null) {
                return manifest.facets();
            }
            byte[] json = facets.toJson();
            String hash = hash(json);
            if (!hash.equals(manifest.facets())) {
                bucket.put(facetsKey(hash), json, JSON, SiteBucket.ASSET_CACHE);
                keys.add(facetsKey(hash));
            }
            keep("f", hash, json);
            return hash;
        }
    }

    /**
     * Brings the index up to these releases as they are now (a consistent read). Their changes go
     * in the recent file ({@link SearchRecent}): a publish writes its result file, that file and the
     * manifest, whatever words it has. When the recent file would name more than {@link #FOLD}
     * releases, every release it names and these go into the word files instead, and it is emptied.
     */
    public Result apply(Collection<String> releaseIds) {
        Parts parts = new Parts(manifest(), true);
        SearchRecent recent = parts.recent();
        Set<String> ids = new LinkedHashSet<>(releaseIds);
        Set<String> withRecent = new LinkedHashSet<>(recent.ids());
        withRecent.addAll(ids);
        if (withRecent.size() <= FOLD) {
            Result result = change(parts, recent.copy(), ids, false);
            if (result != null) {
                return result;
            }
        }
        return change(parts, recent, withRecent, true);
    }

    /** Whether the index lists this release now: as the recent file has it, else as the word files do. */
    private static boolean listedBefore(SearchRecent recent, int number, Optional<SearchDocs.Doc> known) {
        SearchRecent.Entry entry = recent.get(number);
        return entry != null ? entry.listed() : known.isPresent() && !known.get().terms().isEmpty();
    }

    /**
     * Changes these releases in the word files ({@code fold}) or in the recent file; null, having
     * written nothing, when the recent file would pass {@link #RECENT_BYTES}. The index's records
     * keep the words each release has in the word files (so a fold knows what
     * to take it out of); a release only in the recent file has none there.
     */
    private Result change(Parts parts, SearchRecent recent, Set<String> ids, boolean fold) {
        Instant now = clock.instant();
        Map<String, Release> found = new HashMap<>();
        releases.findAll(List.copyOf(ids)).forEach(r -> found.put(r.id(), r));
        List<String> categories = new ArrayList<>(parts.manifest.categories());
        Set<Integer> years = new TreeSet<>(parts.manifest.years());
        List<String> keys = new ArrayList<>();
        List<String> cdnPaths = new ArrayList<>();
        int docCount = parts.manifest.docs();
        Map<String, Optional<SearchDocs.Doc>> knownDocs = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> termsOf = new HashMap<>();
        Set<String> allWords = new TreeSet<>();
        // What the index knows of each release, read together: in a burst a round covers hundreds.
        Map<String, SearchDocs.Doc> read = docs.findAll(ids);
        for (String id : ids) {
            Optional<SearchDocs.Doc> known = Optional.ofNullable(read.get(id));
            Release release = found.get(id);
            Map<String, Integer> terms = release != null && release.isPublicAt(now) ? SearchTerms.of(release) : Map.of();
            knownDocs.put(id, known);
            termsOf.put(id, terms);
            known.ifPresent(d -> allWords.addAll(d.terms()));
            allWords.addAll(terms.keySet());
        }
        if (fold) {
            parts.prefetch(allWords);
        }
        // New releases get their numbers in one request, in the order they came.
        int needed = 0;
        for (Map.Entry<String, Optional<SearchDocs.Doc>> each : knownDocs.entrySet()) {
            Release release = found.get(each.getKey());
            if (each.getValue().isEmpty() && release != null && release.isPublicAt(now)) {
                needed++;
            }
        }
        int nextNumber = needed == 0 ? 0 : docs.next(needed);
        int changes = 0;
        // The per-release writes (result files at once, the index's records together), after the loop;
        // a release's result file only at a fold, or its deletion when it leaves the index.
        List<Runnable> writes = new ArrayList<>();
        List<SearchDocs.Doc> records = new ArrayList<>();
        for (Map.Entry<String, Optional<SearchDocs.Doc>> each : knownDocs.entrySet()) {
            String id = each.getKey();
            Optional<SearchDocs.Doc> known = each.getValue();
            Release release = found.get(id);
            boolean listed = release != null && release.isPublicAt(now);
            if (!listed && known.isEmpty()) {
                continue; // never indexed, nothing to take out
            }
            int number = known.isPresent() ? known.get().number() : nextNumber++;
            boolean wasListed = listedBefore(recent, number, known);
            Map<String, Integer> terms = termsOf.get(id);
            if (fold) {
                Set<String> touched = new TreeSet<>(known.map(SearchDocs.Doc::terms).orElse(List.of()));
                touched.addAll(terms.keySet());
                for (String word : touched) {
                    parts.postings(word).remove(Set.of(number));
                }
            }
            String docKey = docKey(number);
            changes++;
            if (listed) {
                int category = categoryNumber(categories, release.category());
                int year = release.publishedAt().atZone(paths.zone()).getYear();
                years.add(year);
                if (fold) {
                    terms.forEach((word, weight) -> parts.postings(word).add(number, weight));
                    parts.facets().set(number, category, year);
                    records.add(new SearchDocs.Doc(id, number, List.copyOf(terms.keySet())));
                } else {
                    recent.listed(number, id, category, year, terms, result(release));
                    if (known.isEmpty()) {
                        records.add(new SearchDocs.Doc(id, number, List.of()));
                    }
                }
                if (fold) {
                    // Until the fold the recent file has the result (an older result file, if
                    // any, is not read while it does).
                    byte[] document = document(release);
                    writes.add(() -> bucket.put(docKey, document, JSON, MANIFEST_CACHE));
                    keys.add(docKey);
                    cdnPaths.add("/" + docKey);
                }
                if (!wasListed) {
                    docCount++;
                }
            } else {
                if (fold) {
                    parts.facets().clear(number);
                    records.add(new SearchDocs.Doc(id, number, List.of()));
                } else {
                    recent.gone(number, id);
                }
                // At once, not at the fold: a withdrawn release's title is not left to be fetched.
                writes.add(() -> bucket.delete(docKey));
                keys.add(docKey);
                cdnPaths.add("/" + docKey);
                if (wasListed) {
                    docCount = Math.max(0, docCount - 1);
                }
            }
        }
        if (changes == 0) {
            return new Result(0, List.of(), List.of());
        }
        if (!records.isEmpty()) {
            writes.add(() -> docs.saveAll(records));
        }
        String recentHash = null;
        if (!fold) {
            byte[] json = recent.toJson();
            if (json.length > RECENT_BYTES) {
                return null; // nothing written yet: the caller folds instead
            }
            recentHash = hash(json);
            String key = recentKey(recentHash);
            writes.add(() -> bucket.put(key, json, JSON, SiteBucket.ASSET_CACHE));
            parts.keep("r", recentHash, json);
            keys.add(key);
        }
        parallel(writes, Runnable::run);
        Map<String, String> words = fold ? parts.write(keys) : parts.manifest.words();
        String facets = fold ? parts.writeFacets(keys) : parts.manifest.facets();
        writeManifest(new Manifest(LAYOUT, docCount, words, facets, categories, List.copyOf(years), recentHash));
        // After the files they copy are in the bucket (a copy is trusted only when its hash is the file's).
        searchCopies.writeAll(parts.toKeep);
        keys.add(MANIFEST);
        cdnPaths.add("/" + MANIFEST);
        // Everything else is a new file under a new name: only the manifest and the results changed in place.
        cdn.invalidate(cdnPaths, "search-" + java.util.UUID.randomUUID());
        LOG.info("search index updated", "releases", ids.size(), "objects", keys.size(), "folded", fold);
        return new Result(ids.size(), keys, cdnPaths);
    }

    /** Builds the whole index again from every public release the table's archive records. */
    public Result rebuild() {
        return rebuild(List.of());
    }

    /**
     * Builds the whole index again from every public release (the site rebuild): the months the
     * table's archive records and these (the site index's). Each release keeps its number.
     */
    public Result rebuild(Collection<YearMonth> moreMonths) {
        Map<String, Integer> numbers = docs.numbers();
        docs.clear();
        Instant now = clock.instant();
        Parts parts = new Parts(new Manifest(LAYOUT, 0, new TreeMap<>(), null, new ArrayList<>(), new ArrayList<>(), null), false);
        List<String> categories = new ArrayList<>();
        Set<Integer> years = new TreeSet<>();
        List<String> keys = new ArrayList<>();
        int count = 0;
        Set<YearMonth> months = new TreeSet<>(releases.months());
        months.addAll(moreMonths);
        for (YearMonth month : months) {
            List<Release> inMonth = new ArrayList<>(releases.publishedInMonth(month));
            inMonth.sort(java.util.Comparator.comparing(Release::publishedAt));
            List<SearchDocs.Doc> records = new ArrayList<>(); // the month's, saved together
            for (Release release : inMonth) {
                if (!release.isPublicAt(now)) {
                    continue;
                }
                Integer known = numbers.get(release.id());
                int number = known != null ? known : docs.next();
                int category = categoryNumber(categories, release.category());
                int year = release.publishedAt().atZone(paths.zone()).getYear();
                years.add(year);
                Map<String, Integer> terms = SearchTerms.of(release);
                terms.forEach((word, weight) -> parts.postings(word).add(number, weight));
                parts.facets().set(number, category, year);
                bucket.put(docKey(number), document(release), JSON, MANIFEST_CACHE);
                records.add(new SearchDocs.Doc(release.id(), number, List.copyOf(terms.keySet())));
                keys.add(docKey(number));
                count++;
            }
            if (!records.isEmpty()) {
                docs.saveAll(records);
            }
        }
        Map<String, String> words = parts.write(keys);
        String facets = parts.writeFacets(keys);
        writeManifest(new Manifest(LAYOUT, count, words, facets, categories,
                List.copyOf(years), null));
        keys.add(MANIFEST);
        // Exact paths only: the manifest and every result file (their names are reused by number).
        List<String> changed = new ArrayList<>();
        changed.add("/" + MANIFEST);
        keys.stream().filter(k -> k.startsWith("search/d/")).forEach(k -> changed.add("/" + k));
        for (int from = 0; from < changed.size(); from += 1000) {
            cdn.invalidate(changed.subList(from, Math.min(changed.size(), from + 1000)),
                    "search-rebuild-" + now.toEpochMilli() + "-" + from);
        }
        LOG.info("search index rebuilt", "releases", count, "words", parts.changed.size());
        return new Result(count, keys, List.of("/" + MANIFEST));
    }

    /** Runs the task for each item on the indexer's threads; the first failure, if any, is thrown. */
    private static <T> void parallel(Collection<T> items, java.util.function.Consumer<T> task) {
        AtOnce.each(IO, items, task);
    }

    private void writeManifest(Manifest manifest) {
        bucket.put(MANIFEST, manifest.toJson(), JSON, MANIFEST_CACHE);
    }

    private static int categoryNumber(List<String> categories, String category) {
        int at = categories.indexOf(category);
        if (at < 0) {
            categories.add(category);
            at = categories.size() - 1;
        }
        return at;
    }

    private byte[] document(Release release) {
        return LightJson.plain(result(release)).getBytes(StandardCharsets.UTF_8);
    }

    /** What a result shows: title, address, date, category, the start of the summary. */
    private Map<String, Object> result(Release release) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("t", release.title());
        doc.put("u", paths.releaseUrlPath(release));
        doc.put("d", release.publishedAt().toString());
        doc.put("c", release.category());
        String summary = release.summary() != null ? release.summary() : Markdown.toText(release.body());
        doc.put("s", summary.length() > SUMMARY ? summary.substring(0, SUMMARY) + "…" : summary);
        return doc;
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
