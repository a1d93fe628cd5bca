package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.ForwardingSiteBucket;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemorySearchCopies;
import newsroom.fakes.InMemorySearchDocs;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.Samples;
import newsroom.json.Json;
import newsroom.render.SearchDictionary;
import newsroom.render.SearchPostings;
import newsroom.render.SearchRecent;
import newsroom.render.SitePaths;
import newsroom.service.port.Cdn;
import newsroom.service.port.SearchCopies;
import org.junit.jupiter.api.Test;

class SearchIndexerTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String[] WORDS = {"burglary", "collision", "appeal", "witnesses", "fraud", "arrest",
        "Exampleton", "Millford", "bridge", "school", "theft", "warehouse"};

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final InMemorySearchDocs docs = new InMemorySearchDocs();

    private SearchIndexer indexer(List<Release> releases) {
        return new SearchIndexer(InMemoryReleaseRepository.of(releases, ZONE), docs, bucket, Cdn.NONE,
                new SitePaths(ZONE), CLOCK);
    }

    private static List<Release> archive(int size) {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String title = WORDS[i % WORDS.length] + " " + WORDS[(i * 7 + 3) % WORDS.length] + " case " + i;
            releases.add(Samples.published(String.format("%08d-0000-4000-8000-000000000000", i), title, "Appeals",
                    NOW.minus(Duration.ofHours(size - i))));
        }
        return releases;
    }

    private int objectsForOneMorePublish(int archive) {
        List<Release> releases = archive(archive);
        indexer(releases).rebuild();
        Release next = Samples.published("ffffffff-0000-4000-8000-000000000001", "Appeal after burglary in Millford",
                "Appeals", NOW.minusSeconds(5));
        List<Release> after = new ArrayList<>(releases);
        after.add(next);
        return indexer(after).apply(List.of(next.id())).keys().size();
    }

    private Map<String, Object> manifest() {
        return Json.read(bucket.objects().get(SearchIndexer.MANIFEST).text(),
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    /** What the browser reads as the word's releases: the word files' less the recent file's, and the recent file's. */
    private List<SearchPostings.Posting> postings(String word) {
        SearchRecent recent = recent();
        List<SearchPostings.Posting> found = new ArrayList<>(wordFilePostings(word).stream()
                .filter(p -> recent.get(p.doc()) == null).toList());
        recent.entries().forEach((doc, entry) -> {
            if (entry.terms().containsKey(word)) {
                found.add(new SearchPostings.Posting(doc, entry.terms().get(word)));
            }
        });
        found.sort(java.util.Comparator.comparingInt(SearchPostings.Posting::doc));
        return found;
    }

    /** What the browser shows as the result's title: the recent file's while it has the release, else its result file's. */
    private String shownTitle(int number) {
        SearchRecent.Entry entry = recent().get(number);
        if (entry != null && !entry.result().isEmpty()) {
            return (String) entry.result().get("t");
        }
        var file = bucket.objects().get("search/d/" + number + ".json");
        return file == null ? null : Json.read(file.text(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { })
                .get("t").toString();
    }

    private SearchRecent recent() {
        Object hash = manifest().get("recent");
        return hash == null ? SearchRecent.empty()
                : SearchRecent.parse(bucket.objects().get("search/r." + hash + ".json").content());
    }

    private List<SearchPostings.Posting> wordFilePostings(String word) {
        @SuppressWarnings("unchecked")
        Map<String, String> words = (Map<String, String>) manifest().get("words");
        String hash = words.get(word.substring(0, 2));
        if (hash == null) {
            return List.of();
        }
        SearchDictionary dictionary = SearchDictionary.parse(
                bucket.objects().get("search/p/" + word.substring(0, 2) + "." + hash + ".json").content());
        SearchDictionary.Entry entry = dictionary.get(word);
        if (entry == null) {
            return List.of();
        }
        return SearchPostings.parse(bucket.objects().get("search/t/" + word + "." + entry.hash() + ".json").content())
                .postings();
    }

    /** The bucket, counting the files read from it. */
    private final class CountingBucket extends ForwardingSiteBucket {
        final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingBucket() {
            super(bucket);
        }

        @Override
        public Optional<byte[]> read(String key) {
            reads.add(key);
            return super.read(key);
        }
    }

    private static Release publish(List<Release> releases, int n, String title) {
        Release release = Samples.published(String.format("ffffffff-0000-4000-8000-%012d", n), title, "Appeals",
                NOW.minusSeconds(1000 - n));
        releases.add(release);
        return release;
    }

    /** Publishes releases of this title one change at a time until the recent file folds into the word files. */
    private SearchIndexer.Result publishUntilFold(List<Release> releases, int from, String title,
                                                  java.util.function.Supplier<SearchIndexer> indexer) {
        for (int n = from; n < from + SearchIndexer.FOLD + 1; n++) {
            Release next = publish(releases, n, title); // before the indexer reads the releases
            SearchIndexer.Result result = indexer.get().apply(List.of(next.id()));
            if (manifest().get("recent") == null) {
                return result;
            }
        }
        throw new AssertionError("the recent file never folded");
    }

    /**
     * A publish reads the manifest and the recent file's copy; a fold reads the copies of its
     * words' files together. Each reads a file only where the copy is missing or is not the file
     * the index names (a rebuild since, or a copy left behind): what it finds is the same either way.
     */
    @Test
    void aChangeReadsItsFilesFromTheirCopiesAndOnlyAStaleCopysFileFromTheBucket() {
        List<Release> releases = new ArrayList<>(archive(20));
        indexer(releases).rebuild();
        InMemorySearchCopies copies = new InMemorySearchCopies();
        assertTrue(copies.copies.isEmpty());
        CountingBucket counting = new CountingBucket();
        java.util.function.Supplier<SearchIndexer> indexer = () -> new SearchIndexer(
                InMemoryReleaseRepository.of(releases, ZONE), docs, counting, Cdn.NONE, new SitePaths(ZONE), CLOCK)
                .withCopies(copies);

        Release first = publish(releases, 1, "Appeal after burglary in Millford");
        indexer.get().apply(List.of(first.id()));
        assertEquals(List.of(SearchIndexer.MANIFEST), counting.reads, "no recent file yet: only the manifest");
        assertTrue(copies.copies.containsKey("r"), "the recent file it wrote is copied");

        counting.reads.clear();
        Release second = publish(releases, 2, "Second burglary appeal in Millford");
        indexer.get().apply(List.of(second.id()));
        assertEquals(List.of(SearchIndexer.MANIFEST), counting.reads, "only the manifest: the recent file from its copy");
        int one = docs.find(first.id()).orElseThrow().number();
        int two = docs.find(second.id()).orElseThrow().number();
        Set<Integer> millford = numbersOf(postings("millford"));
        assertTrue(millford.containsAll(Set.of(one, two)), millford.toString());

        // A copy that is not the file the index names (here: left from before) is not used.
        copies.copies.put("r", new SearchCopies.Copy("000000000000", SearchRecent.empty().toJson()));
        counting.reads.clear();
        Release third = publish(releases, 3, "Millford road closed");
        indexer.get().apply(List.of(third.id()));
        assertTrue(counting.reads.stream().anyMatch(k -> k.startsWith("search/r.")), counting.reads.toString());
        int three = docs.find(third.id()).orElseThrow().number();
        Set<Integer> expected = new java.util.HashSet<>(millford);
        expected.add(three);
        assertEquals(expected, numbersOf(postings("millford")), "nothing lost to the stale copy");

        // The first fold after a rebuild finds no copies of the word files: it reads and copies them.
        counting.reads.clear();
        publishUntilFold(releases, 10, "Millford appeal", indexer);
        assertTrue(counting.reads.stream().anyMatch(k -> k.startsWith("search/p/")), counting.reads.toString());
        assertTrue(copies.copies.containsKey("t:millford") && copies.copies.containsKey("p:mi")
                && copies.copies.containsKey("f"), "and copies them, with what it wrote");
        // The next fold of the same words reads every word file from its copy.
        counting.reads.clear();
        publishUntilFold(releases, 100, "Millford appeal", indexer);
        assertEquals(Set.of(SearchIndexer.MANIFEST), Set.copyOf(counting.reads), "only the manifest");
        assertTrue(numbersOf(wordFilePostings("millford")).containsAll(Set.of(one, two, three)),
                "every release in the word files after the fold");
    }

    private static Set<Integer> numbersOf(List<SearchPostings.Posting> postings) {
        return postings.stream().map(SearchPostings.Posting::doc).collect(java.util.stream.Collectors.toSet());
    }

    /** A publish writes the recent file, with its result, and the manifest: no word file, whatever its words. */
    @Test
    void aPublishWritesTheRecentFileWithItsResultAndTheManifestOnly() {
        List<Release> releases = new ArrayList<>(archive(30));
        indexer(releases).rebuild();
        Set<String> before = Set.copyOf(bucket.objects().keySet());
        Release next = publish(releases, 1, "Quayside smugglers arrested after burglary appeal");
        SearchIndexer.Result result = indexer(releases).apply(List.of(next.id()));
        int number = docs.find(next.id()).orElseThrow().number();
        String recent = "search/r." + manifest().get("recent") + ".json";
        assertEquals(List.of(recent, SearchIndexer.MANIFEST), result.keys());
        assertEquals(Set.of(recent),
                bucket.objects().keySet().stream().filter(k -> !before.contains(k)).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(new SearchPostings.Posting(number, 3)), postings("quayside"), "found by its words at once");
        assertEquals("Quayside smugglers arrested after burglary appeal", shownTitle(number), "and shown as a result");
        Map<String, Object> shown = recent().get(number).result();
        assertEquals(next.category(), shown.get("c"));
        assertTrue(shown.get("u").toString().endsWith("/" + next.slug() + "/"), "its address: " + shown);
        assertEquals(31, ((Number) manifest().get("docs")).intValue());
        assertEquals(List.of(), docs.find(next.id()).orElseThrow().terms(), "in no word file yet");
    }

    /** Past its limit the recent file goes into the word files, every release it named with it, and is emptied. */
    @Test
    void pastItsLimitTheRecentFileFoldsIntoTheWordFiles() {
        List<Release> releases = new ArrayList<>(archive(30));
        indexer(releases).rebuild();
        Set<String> before = Set.copyOf(bucket.objects().keySet());
        for (int n = 0; n < SearchIndexer.FOLD; n++) {
            Release next = publish(releases, n, "Quayside appeal");
            indexer(releases).apply(List.of(next.id()));
        }
        assertEquals(SearchIndexer.FOLD, recent().size());
        assertEquals(SearchIndexer.FOLD, postings("quayside").size());
        assertTrue(bucket.objects().keySet().stream().filter(k -> !before.contains(k))
                .noneMatch(k -> k.startsWith("search/t/") || k.startsWith("search/p/")), "no word file yet");

        Release last = publish(releases, SearchIndexer.FOLD, "Quayside appeal");
        SearchIndexer.Result folded = indexer(releases).apply(List.of(last.id()));
        assertEquals(null, manifest().get("recent"), "emptied");
        assertEquals(SearchIndexer.FOLD + 1, wordFilePostings("quayside").size(), "every release in the word files");
        assertEquals(SearchIndexer.FOLD + 1, postings("quayside").size());
        assertEquals(30 + SearchIndexer.FOLD + 1, ((Number) manifest().get("docs")).intValue());
        for (SearchPostings.Posting each : postings("quayside")) {
            assertTrue(bucket.objects().containsKey("search/d/" + each.doc() + ".json"),
                    "the fold writes the result file of every release it takes in: " + each.doc());
            assertEquals("Quayside appeal", shownTitle(each.doc()));
        }
        assertTrue(folded.cdnPaths().contains("/search/d/" + docs.find(last.id()).orElseThrow().number() + ".json"),
                "and invalidates them: their names are reused");
        assertTrue(folded.keys().stream().anyMatch(k -> k.startsWith("search/t/appeal.")), "a changed word: a new file");
        assertTrue(folded.keys().stream().noneMatch(k -> k.startsWith("search/t/fraud.")), "an unchanged word: none");
        String id = last.id();
        assertTrue(docs.find(id).orElseThrow().terms().contains("quayside"), "its record names its words in the word files");
    }

    /** A release of thousands of different words would make every first query large: it goes straight into the word files. */
    @Test
    void aReleaseTooLargeForTheRecentFileGoesStraightIntoTheWordFiles() {
        List<Release> releases = new ArrayList<>(archive(10));
        indexer(releases).rebuild();
        Release small = publish(releases, 1, "Quayside appeal");
        indexer(releases).apply(List.of(small.id()));
        assertEquals(1, recent().size());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8000; i++) {
            body.append("zz");
            for (char c : Integer.toString(i, 26).toCharArray()) {
                body.append((char) (c < 'a' ? c - '0' + 'a' : c + 10)); // base 26 in letters: a word
            }
            body.append(' ');
        }
        Release base = Samples.published("ffffffff-0000-4000-8000-000000000002", "Inventory of seized goods", "Appeals",
                NOW.minusSeconds(30));
        Release large = new Release(base.id(), base.slug(), base.title(), base.summary(), body.toString(), base.category(),
                base.tags(), base.contact(), null, List.of(), base.status(), base.author(), base.createdAt(),
                base.updatedAt(), base.publishedAt(), null, List.of(), null, base.version());
        releases.add(large);
        indexer(releases).apply(List.of(large.id()));
        assertEquals(null, manifest().get("recent"), "folded, with the release before it");
        int number = docs.find(large.id()).orElseThrow().number();
        assertEquals(List.of(new SearchPostings.Posting(number, 1)), wordFilePostings("zzbaa"));
        assertEquals(List.of(new SearchPostings.Posting(number, 3)), wordFilePostings("inventory"));
        assertEquals(1, wordFilePostings("quayside").size(), "the release that was in the recent file");
        assertEquals(12, ((Number) manifest().get("docs")).intValue());
    }

    /** A release changed since the word files were written is found by its new words only, before and after the fold. */
    @Test
    void aReleaseChangedAfterItWasIndexedLosesItsOldWords() {
        List<Release> releases = new ArrayList<>(archive(10));
        indexer(releases).rebuild();
        Release target = releases.get(0);
        assertTrue(target.title().startsWith("burglary witnesses"), target.title());
        int number = docs.find(target.id()).orElseThrow().number();
        assertTrue(numbersOf(postings("witnesses")).contains(number));
        releases.set(0, Samples.published(target.id(), "Warehouse fire in Westgate", "Appeals", target.publishedAt()));
        indexer(releases).apply(List.of(target.id()));
        assertFalse(numbersOf(postings("witnesses")).contains(number), "hidden in the word file by the recent file");
        assertTrue(numbersOf(wordFilePostings("witnesses")).contains(number), "which still has it until the fold");
        assertEquals(Set.of(number), numbersOf(postings("westgate")));
        assertEquals("Warehouse fire in Westgate", shownTitle(number),
                "its new title shown, from the recent file, though its result file still has the old one");
        assertEquals(10, ((Number) manifest().get("docs")).intValue(), "still one release");

        publishUntilFold(releases, 500, "Quayside appeal", () -> indexer(releases));
        assertFalse(numbersOf(wordFilePostings("witnesses")).contains(number), "out of its old word's file");
        assertEquals(Set.of(number), numbersOf(wordFilePostings("westgate")));
        assertEquals("Warehouse fire in Westgate", shownTitle(number), "from its result file after the fold");
        assertEquals(10 + SearchIndexer.FOLD, ((Number) manifest().get("docs")).intValue());
    }

    @Test
    void onePublishWritesTheSameNumberOfObjectsIntoASmallAndALargeArchive() {
        int small = objectsForOneMorePublish(50);
        int large = new SearchIndexerTest().objectsForOneMorePublish(3000);
        assertEquals(small, large, "bounded work: the count depends on the release, not the archive");
    }

    @Test
    void aWithdrawnReleaseLeavesEveryWordAtOnceAndItsResultFileGoes() {
        List<Release> releases = archive(20);
        indexer(releases).rebuild();
        Release target = Samples.published("ffffffff-0000-4000-8000-000000000002", "Quayside smugglers arrested",
                "Crime Operations", NOW.minusSeconds(60));
        List<Release> withTarget = new ArrayList<>(releases);
        withTarget.add(target);
        indexer(withTarget).apply(List.of(target.id()));
        int number = docs.find(target.id()).orElseThrow().number();
        assertEquals(List.of(new SearchPostings.Posting(number, 3)), postings("quayside"));
        assertEquals("Quayside smugglers arrested", shownTitle(number));

        Release withdrawn = target.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Issued in error.")).saved(NOW);
        withTarget.set(withTarget.size() - 1, withdrawn);
        indexer(withTarget).apply(List.of(target.id()));
        assertEquals(List.of(), postings("quayside"), "gone from its words");
        assertEquals(List.of(), postings("smugglers"));
        assertEquals(null, shownTitle(number), "and its result, from the recent file");
        assertTrue(recent().get(number).result().isEmpty());
        assertEquals(20, ((Number) manifest().get("docs")).intValue());

        publishUntilFold(withTarget, 700, "Millford appeal", () -> indexer(withTarget));
        assertEquals(List.of(), postings("quayside"), "and out of the word files after the fold");
        assertEquals(List.of(), wordFilePostings("smugglers"));
        assertEquals(20 + SearchIndexer.FOLD, ((Number) manifest().get("docs")).intValue());
    }

    @Test
    void anEmbargoedReleaseIsNeverIndexed() {
        Release embargoed = Samples.published("ffffffff-0000-4000-8000-000000000003", "Dawn raids on Quayside",
                "Crime Operations", null).toBuilder().status(ReleaseStatus.SCHEDULED)
                .embargoUntil(NOW.plus(Duration.ofHours(6))).saved(NOW);
        List<Release> releases = new ArrayList<>(archive(5));
        releases.add(embargoed);
        SearchIndexer indexer = indexer(releases);
        indexer.rebuild();
        assertEquals(SearchIndexer.Result.class, indexer.apply(List.of(embargoed.id())).getClass());
        assertEquals(List.of(), postings("quayside"));
        assertTrue(bucket.objects().keySet().stream().noneMatch(k -> k.contains("quayside") || k.contains("dawn")));
        assertTrue(docs.find(embargoed.id()).isEmpty());
    }

    @Test
    void aRebuildOfAnUnchangedArchiveWritesTheSameFilesAndAChangedWordGetsANewName() {
        List<Release> releases = archive(30);
        indexer(releases).rebuild();
        Map<String, String> first = new java.util.TreeMap<>();
        bucket.objects().forEach((k, v) -> first.put(k, v.text()));
        indexer(releases).rebuild();
        Map<String, String> second = new java.util.TreeMap<>();
        bucket.objects().forEach((k, v) -> second.put(k, v.text()));
        assertEquals(first, second, "the same names and contents: every release kept its number");

        Set<String> before = Set.copyOf(bucket.objects().keySet());
        Release next = Samples.published("ffffffff-0000-4000-8000-000000000009", "Burglary in Westgate",
                "Appeals", NOW.minusSeconds(5));
        List<Release> after = new ArrayList<>(releases);
        after.add(next);
        indexer(after).apply(List.of(next.id()));
        List<String> added = bucket.objects().keySet().stream().filter(k -> !before.contains(k)).toList();
        assertTrue(added.stream().noneMatch(k -> k.startsWith("search/t/")), "the publish in the recent file " + added);
        assertEquals(1, postings("westgate").size());
    }
}
