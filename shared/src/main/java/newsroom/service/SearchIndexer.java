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
import newsroom.json.Json;
import newsroom.log.JsonLog;
import newsroom.render.Markdown;
import newsroom.render.SearchShard;
import newsroom.render.SearchTerms;
import newsroom.render.SiteRenderer;
import newsroom.service.port.Cdn;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SearchDocs;
import newsroom.service.port.SiteBucket;

/**
 * The site's search index, static in the site bucket: no search server. Its parts:
 *
 * <ul>
 *   <li>{@code search/manifest.json}: which shard file is current for each two-letter prefix,
 *       the categories and years to filter by (the only part that changes in place);</li>
 *   <li>{@code search/s/<prefix>.<hash>.json}: the words starting with those letters and their
 *       postings, named by content so they are cached for ever;</li>
 *   <li>{@code search/d/<number>.json}: what a result shows of one release.</li>
 * </ul>
 *
 * A change of releases rewrites only the shards their words are in (old words and new), their
 * result files and the manifest: the same number of objects whatever the size of the archive, each
 * shard bounded by {@link SearchShard#CAP}. A withdrawn or no longer public release leaves every
 * shard it was in, at once; an embargoed one is never indexed. One writer at a time (SharedPages'
 * lease), so no change is lost to another.
 */
public final class SearchIndexer {
    private static final JsonLog LOG = JsonLog.of(SearchIndexer.class);
    public static final String MANIFEST = "search/manifest.json";
    /** The manifest is read first by every search: a minute in the CDN, invalidated on each change. */
    public static final String MANIFEST_CACHE = "public, max-age=0, s-maxage=60";
    private static final int SUMMARY = 240;

    /** What the browser reads first. */
    public record Manifest(int version, int docs, Map<String, String> shards, List<String> categories,
                           List<Integer> years) {
    }

    /** What one run of the indexer wrote. */
    public record Result(int releases, List<String> keys, List<String> cdnPaths) {
    }

    private final ReleaseRepository releases;
    private final SearchDocs docs;
    private final SiteBucket bucket;
    private final Cdn cdn;
    private final SiteRenderer renderer;
    private final Clock clock;

    public SearchIndexer(ReleaseRepository releases, SearchDocs docs, SiteBucket bucket, Cdn cdn, SiteRenderer renderer,
                         Clock clock) {
        this.releases = releases;
        this.docs = docs;
        this.bucket = bucket;
        this.cdn = cdn;
        this.renderer = renderer;
        this.clock = clock;
    }

    private Manifest manifest() {
        return bucket.read(MANIFEST).map(b -> Json.read(new String(b, StandardCharsets.UTF_8), Manifest.class))
                .orElse(new Manifest(1, 0, new TreeMap<>(), new ArrayList<>(), new ArrayList<>()));
    }

    private static String shardKey(String prefix, String hash) {
        return "search/s/" + prefix + "." + hash + ".json";
    }

    static String docKey(int number) {
        return "search/d/" + number + ".json";
    }

    /** Brings the index up to these releases as they are now (a consistent read). */
    public Result apply(Collection<String> releaseIds) {
        Instant now = clock.instant();
        Map<String, Release> found = new HashMap<>();
        releases.findAll(List.copyOf(new LinkedHashSet<>(releaseIds))).forEach(r -> found.put(r.id(), r));
        Manifest manifest = manifest();
        Map<String, SearchShard> shards = new TreeMap<>();
        List<String> categories = new ArrayList<>(manifest.categories());
        Set<Integer> years = new TreeSet<>(manifest.years());
        List<String> keys = new ArrayList<>();
        List<String> cdnPaths = new ArrayList<>();
        int docCount = manifest.docs();
        for (String id : new LinkedHashSet<>(releaseIds)) {
            Optional<SearchDocs.Doc> known = docs.find(id);
            Release release = found.get(id);
            boolean listed = release != null && release.isPublicAt(now);
            if (!listed && known.isEmpty()) {
                continue; // never indexed, nothing to take out
            }
            int number = known.map(SearchDocs.Doc::number).orElseGet(docs::next);
            Set<String> touched = new TreeSet<>(known.map(SearchDocs.Doc::shards).orElse(List.of()));
            Map<String, Integer> terms = listed ? SearchTerms.of(release) : Map.of();
            terms.keySet().forEach(t -> touched.add(SearchTerms.shardOf(t)));
            for (String prefix : touched) {
                shard(shards, manifest, prefix).remove(List.of(number));
            }
            String docKey = docKey(number);
            if (listed) {
                int category = categoryNumber(categories, release.category());
                int year = release.publishedAt().atZone(renderer.paths().zone()).getYear();
                years.add(year);
                terms.forEach((term, weight) -> shard(shards, manifest, SearchTerms.shardOf(term))
                        .add(term, new SearchShard.Posting(number, weight, category, year)));
                bucket.put(docKey, document(release), "application/json; charset=utf-8", MANIFEST_CACHE);
                docs.save(new SearchDocs.Doc(id, number, terms.keySet().stream().map(SearchTerms::shardOf)
                        .distinct().sorted().toList()));
                if (known.isEmpty()) {
                    docCount++;
                }
            } else {
                bucket.delete(docKey);
                docs.save(new SearchDocs.Doc(id, number, List.of()));
                if (known.isPresent() && !known.get().shards().isEmpty()) {
                    docCount = Math.max(0, docCount - 1);
                }
            }
            keys.add(docKey);
            cdnPaths.add("/" + docKey);
        }
        if (keys.isEmpty()) {
            return new Result(0, List.of(), List.of());
        }
        Map<String, String> current = new TreeMap<>(manifest.shards());
        for (Map.Entry<String, SearchShard> entry : shards.entrySet()) {
            if (entry.getValue().isEmpty()) {
                current.remove(entry.getKey());
                continue;
            }
            byte[] json = entry.getValue().toJson();
            String hash = hash(json);
            if (!hash.equals(current.get(entry.getKey()))) {
                String key = shardKey(entry.getKey(), hash);
                bucket.put(key, json, "application/json; charset=utf-8", SiteBucket.ASSET_CACHE);
                keys.add(key);
                current.put(entry.getKey(), hash);
            }
        }
        writeManifest(new Manifest(1, docCount, current, categories, List.copyOf(years)));
        keys.add(MANIFEST);
        cdnPaths.add("/" + MANIFEST);
        // The shards are new files under new names: only the manifest and the results changed in place.
        cdn.invalidate(cdnPaths, "search-" + java.util.UUID.randomUUID());
        LOG.info("search index updated", "releases", releaseIds.size(), "objects", keys.size());
        return new Result(releaseIds.size(), keys, cdnPaths);
    }

    /** Builds the whole index again from every public release (the site rebuild). */
    public Result rebuild() {
        docs.clear();
        Instant now = clock.instant();
        Map<String, SearchShard> shards = new TreeMap<>();
        List<String> categories = new ArrayList<>();
        Set<Integer> years = new TreeSet<>();
        List<String> keys = new ArrayList<>();
        int count = 0;
        Set<YearMonth> months = new TreeSet<>(releases.months());
        for (YearMonth month : months) {
            List<Release> inMonth = new ArrayList<>(releases.publishedInMonth(month));
            inMonth.sort(java.util.Comparator.comparing(Release::publishedAt));
            for (Release release : inMonth) {
                if (!release.isPublicAt(now)) {
                    continue;
                }
                int number = docs.next();
                int category = categoryNumber(categories, release.category());
                int year = release.publishedAt().atZone(renderer.paths().zone()).getYear();
                years.add(year);
                Map<String, Integer> terms = SearchTerms.of(release);
                terms.forEach((term, weight) -> shards.computeIfAbsent(SearchTerms.shardOf(term), p -> SearchShard.empty())
                        .add(term, new SearchShard.Posting(number, weight, category, year)));
                bucket.put(docKey(number), document(release), "application/json; charset=utf-8", MANIFEST_CACHE);
                docs.save(new SearchDocs.Doc(release.id(), number, terms.keySet().stream().map(SearchTerms::shardOf)
                        .distinct().sorted().toList()));
                keys.add(docKey(number));
                count++;
            }
        }
        Map<String, String> current = new TreeMap<>();
        for (Map.Entry<String, SearchShard> entry : shards.entrySet()) {
            byte[] json = entry.getValue().toJson();
            String hash = hash(json);
            bucket.put(shardKey(entry.getKey(), hash), json, "application/json; charset=utf-8", SiteBucket.ASSET_CACHE);
            keys.add(shardKey(entry.getKey(), hash));
            current.put(entry.getKey(), hash);
        }
        writeManifest(new Manifest(1, count, current, categories, List.copyOf(years)));
        keys.add(MANIFEST);
        // Exact paths only: the manifest and every result file (their names are reused by number).
        List<String> paths = new ArrayList<>();
        paths.add("/" + MANIFEST);
        keys.stream().filter(k -> k.startsWith("search/d/")).forEach(k -> paths.add("/" + k));
        for (int from = 0; from < paths.size(); from += 1000) {
            cdn.invalidate(paths.subList(from, Math.min(paths.size(), from + 1000)),
                    "search-rebuild-" + now.toEpochMilli() + "-" + from);
        }
        LOG.info("search index rebuilt", "releases", count, "shards", current.size());
        return new Result(count, keys, List.of("/" + MANIFEST));
    }

    private void writeManifest(Manifest manifest) {
        bucket.put(MANIFEST, Json.write(manifest).getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8",
                MANIFEST_CACHE);
    }

    private SearchShard shard(Map<String, SearchShard> loaded, Manifest manifest, String prefix) {
        return loaded.computeIfAbsent(prefix, p -> {
            String hash = manifest.shards().get(p);
            return hash == null ? SearchShard.empty()
                    : bucket.read(shardKey(p, hash)).map(SearchShard::parse).orElse(SearchShard.empty());
        });
    }

    private static int categoryNumber(List<String> categories, String category) {
        int at = categories.indexOf(category);
        if (at < 0) {
            categories.add(category);
            at = categories.size() - 1;
        }
        return at;
    }

    /** What a result shows: title, address, date, category, the start of the summary. */
    private byte[] document(Release release) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("t", release.title());
        doc.put("u", renderer.paths().releaseUrlPath(release));
        doc.put("d", release.publishedAt().toString());
        doc.put("c", release.category());
        String summary = release.summary() != null ? release.summary() : Markdown.toText(release.body());
        doc.put("s", summary.length() > SUMMARY ? summary.substring(0, SUMMARY) + "…" : summary);
        return Json.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
