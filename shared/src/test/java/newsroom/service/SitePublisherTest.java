package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseWorkflow;
import newsroom.domain.Withdrawal;
import newsroom.fakes.InMemoryDownloads;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.RecordingCdn;
import newsroom.fakes.Samples;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SiteBucket;
import org.junit.jupiter.api.Test;

/** Putting one release's change on the site, against in-memory ports. Pure. */
class SitePublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZONE);
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final InMemoryDownloads downloads = new InMemoryDownloads();
    private final RecordingCdn cdn = new RecordingCdn();
    private final SiteAssets assets = new SiteAssets();
    private final InMemorySiteIndex index = new InMemorySiteIndex(ZONE);
    private final SitePublisher publisher = new SitePublisher(releases, index, new InMemoryRenderQueue(), bucket,
            downloads, new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Set<String> invalidated() {
        return cdn.invalidations().stream().flatMap(i -> i.paths().stream()).collect(Collectors.toSet());
    }

    private Release stored(Release release) {
        releases.create(release);
        return release;
    }

    @Test
    void aDraftOrAReleaseStillUnderEmbargoPutsNothingOnTheSite() {
        Release published = Samples.published("r1", "Embargoed appeal", "Appeals", NOW.minusSeconds(60));
        Release scheduled = stored(published.toBuilder().status(ReleaseStatus.SCHEDULED)
                .embargoUntil(NOW.plusSeconds(3600)).publishedAt(NOW.plusSeconds(3600)).saved(NOW));
        Release draft = stored(new Release("r2", "slug-r2", "Draft", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, null, ReleaseStatus.DRAFT, "a", NOW, NOW, null, null, null, null, 1));
        assertEquals(List.of(), publisher.publish(scheduled.id()));
        assertEquals(List.of(), publisher.publish(draft.id()));
        assertEquals(Set.of(), bucket.objects().keySet());
        assertEquals(List.of(), cdn.invalidations());
    }

    @Test
    void aPublishWritesTheReleaseAndEveryPageThatListsItThenInvalidatesExactlyThose() {
        Release release = stored(Samples.published("r1", "Appeal after collision", "Appeals", NOW.minusSeconds(60)));
        bucket.clearWrites();
        List<String> written = publisher.publish(release.id());
        assertEquals(List.of("news/2026/11/slug-r1/index.html"), written);
        Set<String> touched = Set.of("news/2026/11/slug-r1/index.html", "news/2026/11/slug-r1/ninjs.json",
                "news/index.html", "feeds/news.atom",
                "feeds/news.rss", "news/2026/11/index.html", "sitemaps/2026-11.xml", "news/category/appeals/index.html",
                "feeds/appeals.atom", "sitemap.xml", "news/archive/index.html");
        // The fixed pages (404, robots, statement, contact, privacy, search) go once per instance.
        Set<String> fixed = Set.of("404.html", "robots.txt", "accessibility/index.html", "contact/index.html",
                "privacy/index.html", "search/index.html");
        Set<String> pages = bucket.writes().stream().filter(k -> !k.startsWith("assets/") && !fixed.contains(k))
                .collect(Collectors.toSet());
        assertEquals(touched, pages);
        for (String key : touched) {
            assertEquals(SiteBucket.HTML_CACHE, bucket.get(key).cacheControl(), key);
        }
        assertTrue(bucket.text("news/2026/11/slug-r1/index.html").contains("Appeal after collision"));
        assertTrue(bucket.text("news/index.html").contains("/news/2026/11/slug-r1/"));
        assertTrue(bucket.text("feeds/news.atom").contains("Appeal after collision"));
        assertEquals(touched.stream().map(k -> "/" + k).collect(Collectors.toSet()), invalidated(),
                "the CDN forgets exactly what changed");
        assertEquals("r1-v2", cdn.invalidations().get(0).reference(), "the release page first, named by version");
    }

    @Test
    void theListsHoldEveryPublishedReleaseNewestFirst() {
        Release older = stored(Samples.published("r0", "Older release", "Appeals", NOW.minusSeconds(7200)));
        Release fresh = stored(Samples.published("r1", "Fresh release", "Appeals", NOW.minusSeconds(60)));
        publisher.publish(fresh.id());
        publisher.publish(older.id());
        String latest = bucket.text("news/index.html");
        assertTrue(latest.contains("Fresh release") && latest.contains(older.title()));
        assertTrue(latest.indexOf("Fresh release") < latest.indexOf("Older release"), "newest first");
    }

    @Test
    void aWithdrawnReleaseLeavesEveryListAndItsPageBecomesTheNotice() {
        Release release = stored(Samples.published("r1", "Missing person found", "Appeals", NOW.minusSeconds(600)));
        publisher.publish(release.id());
        Release withdrawn = release.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW.minusSeconds(30), "She has been found. Thank you.")).saved(NOW);
        releases.save(withdrawn, release.version());
        bucket.clearWrites();
        publisher.publish(withdrawn.id());

        String page = bucket.text("news/2026/11/slug-r1/index.html");
        assertTrue(page.contains("She has been found. Thank you."), page);
        assertFalse(page.contains("Body of"), "the text is gone from its page");
        for (String list : List.of("news/index.html", "feeds/news.atom", "feeds/news.rss", "news/2026/11/index.html",
                "news/category/appeals/index.html", "feeds/appeals.atom", "sitemaps/2026-11.xml")) {
            assertTrue(bucket.writes().contains(list), list);
            assertFalse(bucket.text(list).contains("slug-r1"), list + " no longer links it");
        }
    }

    @Test
    void aReleaseThatChangedCategoryLeavesTheOldCategorysPages() {
        Release before = stored(Samples.published("r1", "Road closed", "Appeals", NOW.minusSeconds(600)));
        publisher.publish(before.id());
        Release moved = before.toBuilder().content(before.title(), before.summary(), before.body(), "Road Safety",
                before.tags(), before.contact(), before.heroImage()).saved(NOW);
        releases.save(moved, before.version());
        bucket.clearWrites();
        publisher.publish(moved.id());
        assertTrue(bucket.writes().containsAll(List.of("news/category/appeals/index.html", "feeds/appeals.atom",
                "news/category/road-safety/index.html", "feeds/road-safety.atom")));
        assertFalse(bucket.text("news/category/appeals/index.html").contains("Road closed"));
        assertTrue(bucket.text("news/category/road-safety/index.html").contains("Road closed"));
    }

    @Test
    void aPublicReleasesUploadedFilesAreCopiedAndLinked() {
        Attachment map = new Attachment("a1", "Road map.pdf", "application/pdf", 48_213, "Map of the closure");
        Attachment notUploaded = new Attachment("a2", "missing.pdf", "application/pdf", 10, "Never uploaded");
        Release release = stored(Samples.published("r1", "Road closed", "Road Safety", NOW.minusSeconds(60))
                .toBuilder().attachments(List.of(map, notUploaded)).saved(NOW));
        downloads.upload("r1", map);
        publisher.publish(release.id());
        assertEquals(Set.of("downloads/r1/Road map.pdf"), downloads.published());
        String page = bucket.text("news/2026/11/slug-r1/index.html");
        assertTrue(page.contains("href=\"/downloads/r1/Road%20map.pdf\""), "linked, percent-encoded");
        assertFalse(page.contains("missing.pdf"), "a file never uploaded is not linked");
    }

    @Test
    void theAssetsTheErrorPageAndRobotsAreWrittenOnceAContainer() {
        Release first = stored(Samples.published("r1", "First", "Appeals", NOW.minusSeconds(120)));
        Release second = stored(Samples.published("r2", "Second", "Appeals", NOW.minusSeconds(60)));
        publisher.publish(first.id());
        assertTrue(bucket.exists("404.html") && bucket.exists("robots.txt"));
        for (SiteAssets.Asset asset : assets.all()) {
            assertEquals(SiteBucket.ASSET_CACHE, bucket.get(asset.key()).cacheControl());
        }
        bucket.clearWrites();
        publisher.publish(second.id());
        assertFalse(bucket.writes().contains("404.html"));
        assertTrue(bucket.writes().stream().noneMatch(k -> k.startsWith("assets/")));
    }

    @Test
    void aScheduledReleaseWithdrawnAfterItsTimeButBeforeTheSweepNeverGetsAPublicPage() {
        Release scheduled = stored(Samples.published("r1", "Due but not yet swept", "Appeals", NOW.minusSeconds(60))
                .toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(NOW.minusSeconds(60)).saved(NOW));
        Release withdrawn = new ReleaseWorkflow(new ReleaseRules(Samples.CATEGORIES), false)
                .withdraw(scheduled, "Sent to the wrong list.", NOW);
        releases.save(withdrawn, scheduled.version());
        assertEquals(List.of(), publisher.publish(withdrawn.id()));
        assertEquals(Set.of(), bucket.objects().keySet(), "no notice, no list, nothing public");
    }

    @Test
    void aWithdrawnReleasesFilesLeaveTheSiteAndTheCdn() {
        Attachment map = new Attachment("a1", "Road map.pdf", "application/pdf", 48_213, "Map");
        Release release = stored(Samples.published("r1", "Road closed", "Road Safety", NOW.minusSeconds(600))
                .toBuilder().attachments(List.of(map)).saved(NOW.minusSeconds(600)));
        downloads.upload("r1", map);
        bucket.put("downloads/r1/Road map.pdf", new byte[] {1}, "application/pdf", SiteBucket.HTML_CACHE);
        Release withdrawn = release.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Published in error.", true)).saved(NOW);
        releases.save(withdrawn, release.version());

        publisher.publish(withdrawn.id());

        assertFalse(bucket.exists("downloads/r1/Road map.pdf"));
        assertTrue(bucket.objects().keySet().stream().noneMatch(k -> k.startsWith("downloads/")),
                "nothing of the release but its notice: " + bucket.objects().keySet());
        assertTrue(invalidated().contains("/downloads/r1/Road%20map.pdf"), "the CDN forgets the file too");
    }

    @Test
    void aRemovedAttachmentsFileLeavesTheSiteAndTheCdn() {
        Attachment map = new Attachment("a1", "Road map.pdf", "application/pdf", 48_213, "Map");
        Attachment plan = new Attachment("a2", "Plan.pdf", "application/pdf", 1_000, "Plan");
        Release release = stored(Samples.published("r1", "Road closed", "Road Safety", NOW.minusSeconds(600))
                .toBuilder().attachments(List.of(map, plan)).saved(NOW.minusSeconds(600)));
        downloads.upload("r1", map);
        downloads.upload("r1", plan);
        publisher.publish(release.id());
        bucket.put("downloads/r1/Road map.pdf", new byte[] {1}, "application/pdf", SiteBucket.HTML_CACHE);
        bucket.put("downloads/r1/Plan.pdf", new byte[] {1}, "application/pdf", SiteBucket.HTML_CACHE);

        Release withoutMap = release.toBuilder().attachments(List.of(plan)).saved(NOW);
        releases.save(withoutMap, release.version());
        publisher.publish(release.id());

        assertFalse(bucket.exists("downloads/r1/Road map.pdf"), "the removed file is gone");
        assertTrue(bucket.exists("downloads/r1/Plan.pdf"), "the other stays");
        assertFalse(bucket.text("news/2026/11/slug-r1/index.html").contains("Road%20map.pdf"));
        assertTrue(invalidated().contains("/downloads/r1/Road%20map.pdf"), "the CDN forgets it");
    }

    /**
     * Created and published in one step, a release has never had other files than it has now, nor
     * been withdrawn: its publish does not list the site for files to take down (a request a
     * release, in a burst). From its second version on it does (the test above).
     */
    @Test
    void aReleaseAtItsFirstVersionIsPublishedWithoutLookingForFilesToTakeDown() {
        Attachment map = new Attachment("a1", "Road map.pdf", "application/pdf", 48_213, "Map");
        Release first = Samples.published("r1", "Road closed", "Road Safety", NOW.minusSeconds(60));
        first = new Release(first.id(), first.slug(), first.title(), first.summary(), first.body(), first.category(),
                first.tags(), first.contact(), null, List.of(map), first.status(), first.author(), first.createdAt(),
                first.updatedAt(), first.publishedAt(), null, List.of(), null, 1);
        stored(first);
        downloads.upload("r1", map);

        publisher.publish("r1");

        assertTrue(bucket.exists("news/2026/11/slug-r1/index.html"));
        assertEquals(Set.of("downloads/r1/Road map.pdf"), downloads.published());
        assertTrue(bucket.listed().stream().noneMatch(prefix -> prefix.startsWith("downloads/")), bucket.listed().toString());

        Release second = first.toBuilder().editedBy("desk").saved(NOW);
        releases.save(second, first.version());
        publisher.publish("r1");

        assertTrue(bucket.listed().contains("downloads/r1/"), bucket.listed().toString());
    }

    /** The address an advance copy gave keeps working after the embargo moved to the next month. */
    @Test
    void anAddressGivenBeforeTheEmbargoMovedLeadsToTheRelease() {
        Instant first = Instant.parse("2026-10-31T23:30:00Z");
        Release scheduled = stored(Samples.published("r1", "Moved appeal", "Appeals", first).toBuilder()
                .status(ReleaseStatus.SCHEDULED).embargoUntil(first).publishedAt(first).saved(first.minusSeconds(86_400)));
        Instant later = NOW.minusSeconds(60);
        Release moved = scheduled.toBuilder().embargoUntil(later).publishedAt(later).saved(first.minusSeconds(3_600));
        releases.save(moved, scheduled.version());
        Release published = moved.toBuilder().status(ReleaseStatus.PUBLISHED).saved(later);
        releases.save(published, moved.version());

        publisher.publish("r1");

        assertTrue(bucket.text("news/2026/11/slug-r1/index.html").contains("Body of"));
        String old = bucket.text("news/2026/10/slug-r1/index.html");
        assertTrue(old.contains("href=\"https://news.example/news/2026/11/slug-r1/\"")
                || old.contains("href=\"/news/2026/11/slug-r1/\""), old);
        assertFalse(old.contains("Body of"), "a pointer, not a second copy");
        assertTrue(invalidated().contains("/news/2026/10/slug-r1/index.html"));
    }

    @Test
    void aBatchRendersThePagesItsReleasesShareOnceForAllOfThem() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(stored(Samples.published("r" + i, "Batch release " + i, i % 2 == 0 ? "Appeals" : "Road Safety",
                    NOW.minusSeconds(600 - i))).id());
        }
        ids.add("r3"); // a release twice in one batch
        bucket.clearWrites();
        SitePublisher.Batch batch = publisher.publishAll(ids);
        assertFalse(batch.failed());
        for (int i = 1; i <= 6; i++) {
            assertEquals(List.of("news/2026/11/slug-r" + i + "/index.html"), batch.written().get(i - 1));
        }
        assertEquals(1, bucket.writes().stream().filter("news/index.html"::equals).count(),
                "the latest list rendered once for the batch");
        assertEquals(1, bucket.writes().stream().filter("news/2026/11/index.html"::equals).count(), "its month once");
        assertEquals(1, bucket.writes().stream().filter("news/2026/11/slug-r3/index.html"::equals).count(),
                "a release twice in the batch written once");
        String latest = bucket.text("news/index.html");
        for (int i = 1; i <= 6; i++) {
            assertTrue(latest.contains("Batch release " + i), "every release of the batch is listed");
        }
        assertTrue(latest.indexOf("Batch release 6") < latest.indexOf("Batch release 1"), "newest first");
    }

    /**
     * A batch's release pages are written many at once: a store that answers each write slowly (as
     * S3 does, or the emulator in a burst) sets a batch's time by how many go at once. This bucket
     * holds each release page's write until 32 are under way (or a second has passed).
     */
    @Test
    void aBatchWritesItsReleasePagesThirtyTwoAtATime() {
        java.util.concurrent.atomic.AtomicInteger underWay = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        SiteBucket slow = new newsroom.fakes.ForwardingSiteBucket(bucket) {
            @Override
            public void put(String key, byte[] content, String contentType, String cacheControl) {
                boolean releasePage = key.startsWith("news/2026/11/slug-") && key.endsWith("/index.html");
                if (releasePage) {
                    most.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                    long until = System.nanoTime() + 1_000_000_000L;
                    while (underWay.get() < SitePublisher.RELEASES_AT_ONCE && most.get() < SitePublisher.RELEASES_AT_ONCE
                            && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                try {
                    super.put(key, content, contentType, cacheControl);
                } finally {
                    if (releasePage) {
                        underWay.decrementAndGet();
                    }
                }
            }
        };
        SitePublisher writing = new SitePublisher(releases, index, new InMemoryRenderQueue(), slow, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            ids.add(stored(Samples.published("w" + i, "Written at once " + i, "Appeals", NOW.minusSeconds(600 - i))).id());
        }

        SitePublisher.Batch batch = writing.publishAll(ids);

        assertFalse(batch.failed());
        assertEquals(32, most.get(), "release pages written at once");
        for (int i = 1; i <= 100; i++) {
            assertTrue(bucket.exists("news/2026/11/slug-w" + i + "/index.html"), "every page written");
        }
    }

    /** A publisher whose site index notes each call as "method/arguments" in {@code calls}. */
    private SitePublisher publisherCountingIndexCalls(List<String> calls) {
        newsroom.service.port.SiteIndex counted = (newsroom.service.port.SiteIndex) java.lang.reflect.Proxy.newProxyInstance(
                newsroom.service.port.SiteIndex.class.getClassLoader(), new Class<?>[] {newsroom.service.port.SiteIndex.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + "/" + (args == null ? 0 : args.length));
                    try {
                        return method.invoke(index, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SitePublisher(releases, counted, new InMemoryRenderQueue(), bucket, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A month's newest page is read once a round: the read that checks it for sealing has it whole. */
    @Test
    void aRoundReadsTheNewestPageOfAMonthOnce() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        SitePublisher reading = publisherCountingIndexCalls(calls);
        for (int i = 1; i <= 3; i++) {
            stored(Samples.published("p" + i, "Paged " + i, "Appeals", NOW.minusSeconds(600 - i)));
        }
        reading.publishAll(List.of("p1", "p2", "p3"));
        assertEquals(1, calls.stream().filter("publishedBetween/4"::equals).count(), calls.toString());
        assertEquals(0, calls.stream().filter("publishedBetween/2"::equals).count(), calls.toString());
        String month = bucket.text("news/2026/11/index.html");
        assertTrue(month.indexOf("Paged 3") >= 0 && month.indexOf("Paged 3") < month.indexOf("Paged 1"), "newest first");
    }

    /**
     * A burst fills several pages of a month between two rounds: they are sealed from one read of
     * the month from its open page on, not a read from each new seal and another of each sealed page.
     */
    @Test
    void aRoundSealsSeveralPagesFromOneReadOfTheMonth() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        SitePublisher reading = publisherCountingIndexCalls(calls);
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 450; i++) {
            ids.add(stored(Samples.published(String.format("b%03d", i), "Burst release " + i, "Appeals",
                    start.plusSeconds(i))).id());
        }
        reading.publishAll(ids);
        // Two reads to seal (400 and more from the open page, then the rest) and one for the month's newest.
        assertEquals(3, calls.stream().filter("publishedBetween/4"::equals).count(), calls.toString());
        assertEquals(0, calls.stream().filter("publishedBetween/2"::equals).count(), calls.toString());
        for (int n = 1; n <= 5; n++) {
            String page = bucket.text("news/2026/11/page/" + n + "/index.html");
            int first = (n - 1) * 100 + 1;
            int last = Math.min(n * 100, 450);
            assertTrue(page.contains("Burst release " + first + "<") && page.contains("Burst release " + last + "<"),
                    "page " + n + " holds " + first + " to " + last);
            assertFalse(page.contains("Burst release " + (first - 1) + "<"), "page " + n);
            assertFalse(page.contains("Burst release " + (last + 1) + "<"), "page " + n);
            assertTrue(page.indexOf("Burst release " + last + "<") < page.indexOf("Burst release " + first + "<"),
                    "newest first on page " + n);
        }
        String landing = bucket.text("news/2026/11/index.html");
        assertTrue(landing.contains("Burst release 450<") && landing.contains("Burst release 351<"), "the newest hundred");
        assertFalse(landing.contains("Burst release 350<"));
        assertTrue(landing.contains("href=\"/news/2026/11/page/5/\""));
        assertEquals(4, index.monthPageStarts(java.time.YearMonth.of(2026, 11)).size(), "four pages sealed");
    }

    /** The test's bucket, with something done before each put (a throw fails it) and after. */
    private SiteBucket forwarding(java.util.function.Consumer<String> beforePut, java.util.function.Consumer<String> afterPut) {
        return new SiteBucket() {
            public void put(String key, byte[] content, String contentType, String cacheControl) {
                beforePut.accept(key);
                bucket.put(key, content, contentType, cacheControl);
                afterPut.accept(key);
            }

            public boolean exists(String key) {
                return bucket.exists(key);
            }

            public java.util.Optional<byte[]> read(String key) {
                return bucket.read(key);
            }

            public void delete(String key) {
                bucket.delete(key);
            }

            public List<String> keys(String prefix) {
                return bucket.keys(prefix);
            }
        };
    }

    /** Reads counted: a batch reads its releases together, before and after their pages. */
    private static final class CountingReleases extends InMemoryReleaseRepository {
        final java.util.concurrent.atomic.AtomicInteger singles = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();

        CountingReleases() {
            super(ZONE);
        }

        @Override
        public java.util.Optional<Release> find(String id) {
            singles.incrementAndGet();
            return super.find(id);
        }

        @Override
        public List<Release> findAll(List<String> ids) {
            batches.incrementAndGet();
            return super.findAll(ids);
        }

        /** A read by the test itself, not counted. */
        Release peek(String id) {
            return super.find(id).orElseThrow();
        }
    }

    @Test
    void aBatchReadsItsReleasesTogetherAndTellsTheCdnOnce() {
        CountingReleases counted = new CountingReleases();
        SitePublisher batching = new SitePublisher(counted, index, new InMemoryRenderQueue(), bucket, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC)).withNudge(() -> { }); // the shared pages are the renderer's
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            Release release = Samples.published("b" + i, "Batch " + i, "Appeals", NOW.minusSeconds(900 - i));
            counted.create(release);
            ids.add(release.id());
        }
        SitePublisher.Batch batch = batching.publishAll(ids);
        assertFalse(batch.failed());
        assertEquals(0, counted.singles.get(), "no release read alone");
        assertEquals(2, counted.batches.get(), "one read of the batch before its pages, one after");
        List<RecordingCdn.Invalidation> told = cdn.invalidations().stream()
                .filter(i -> i.paths().contains("/news/2026/11/slug-b1/index.html")).toList();
        assertEquals(1, told.size(), "the batch's pages in one message");
        for (int i = 1; i <= 30; i++) {
            assertTrue(told.get(0).paths().contains("/news/2026/11/slug-b" + i + "/index.html"));
            assertTrue(told.get(0).paths().contains("/news/2026/11/slug-b" + i + "/ninjs.json"));
        }
    }

    /**
     * A release withdrawn while its batch wrote its page: the batch's second read sees it, and that
     * release alone is written again, as the notice. Its full text never stays on the site.
     */
    @Test
    void aReleaseWithdrawnWhileItsBatchWroteItsPageEndsAsTheNotice() {
        CountingReleases counted = new CountingReleases();
        Release first = Samples.published("w1", "Stays up", "Appeals", NOW.minusSeconds(600));
        Release second = Samples.published("w2", "Published in error", "Appeals", NOW.minusSeconds(500));
        counted.create(first);
        counted.create(second);
        SiteBucket withdrawing = forwarding(key -> { }, key -> {
            if (key.equals("news/2026/11/slug-w2/index.html") && counted.peek("w2").withdrawal() == null) {
                Release current = counted.peek("w2");
                counted.save(current.toBuilder().status(ReleaseStatus.WITHDRAWN)
                        .withdrawal(new Withdrawal(NOW, "Published in error.", true)).saved(NOW), current.version());
            }
        });
        SitePublisher racing = new SitePublisher(counted, index, new InMemoryRenderQueue(), withdrawing, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC));
        SitePublisher.Batch batch = racing.publishAll(List.of("w1", "w2"));
        assertFalse(batch.failed());
        String page = bucket.text("news/2026/11/slug-w2/index.html");
        assertTrue(page.contains("Published in error."), "the withdrawal notice");
        assertFalse(page.contains("Body of"), "not the release's text: " + page);
        assertTrue(bucket.text("news/2026/11/slug-w1/index.html").contains("Stays up"));
        assertEquals(2, counted.singles.get(),
                "the changed release alone was read again whole (the batch's check reads versions only), and after its notice");
    }

    @Test
    void aReleaseThatFailsInABatchIsWhereTheRetryStartsAndTheOthersAreListed() {
        for (int i = 1; i <= 3; i++) {
            stored(Samples.published("r" + i, "Release " + i, "Appeals", NOW.minusSeconds(600 - i)));
        }
        SiteBucket failing = forwarding(key -> {
            if (key.equals("news/2026/11/slug-r2/index.html")) {
                throw new IllegalStateException("S3 refused " + key);
            }
        }, key -> { });
        SitePublisher flaky = new SitePublisher(releases, index, new InMemoryRenderQueue(), failing, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC));
        SitePublisher.Batch batch = flaky.publishAll(List.of("r1", "r2", "r3"));
        assertEquals(1, batch.failedAt(), "the retry starts at the release that failed");
        assertTrue(batch.failure().getMessage().contains("S3 refused"));
        String latest = bucket.text("news/index.html");
        assertTrue(latest.contains("Release 1") && latest.contains("Release 3"), "the others are listed");
        assertFalse(latest.contains("Release 2"), "never a link to a page that is not there");
    }

    @Test
    void aBusyMonthIsPagedSoAPublishRendersABoundedPartOfIt() {
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            ids.add(stored(Samples.published(String.format("m%03d", i), "Busy release " + i, "Appeals",
                    start.plusSeconds(60L * i))).id());
        }
        for (int from = 0; from < ids.size(); from += 50) { // five stream batches
            publisher.publishAll(ids.subList(from, from + 50));
        }
        String page1 = bucket.text("news/2026/11/page/1/index.html");
        assertTrue(page1.contains("Busy release 1<") && page1.contains("Busy release 100<"), "the oldest hundred");
        assertFalse(page1.contains("Busy release 101<"));
        assertTrue(page1.contains("href=\"/news/2026/11/page/2/\""), "a link to the later page");
        String page3 = bucket.text("news/2026/11/page/3/index.html");
        assertTrue(page3.contains("Busy release 250<") && page3.contains("Busy release 201<"));
        assertFalse(page3.contains("Busy release 200<"));
        String landing = bucket.text("news/2026/11/index.html");
        assertTrue(landing.contains("Busy release 250<") && landing.contains("Busy release 151<"), "the newest hundred");
        assertFalse(landing.contains("Busy release 150<"));
        for (int n = 1; n <= 3; n++) {
            assertTrue(landing.contains("href=\"/news/2026/11/page/" + n + "/\""), "a link to page " + n);
        }
        String sitemaps = bucket.text("sitemap.xml");
        assertTrue(sitemaps.contains("/sitemaps/2026-11.xml") && sitemaps.contains("/sitemaps/2026-11-2.xml")
                && sitemaps.contains("/sitemaps/2026-11-3.xml"), sitemaps);
        assertTrue(bucket.text("sitemaps/2026-11-2.xml").contains("slug-m150/"));
        assertFalse(bucket.text("sitemaps/2026-11-2.xml").contains("slug-m050/"));

        bucket.clearWrites();
        publisher.publish(stored(Samples.published("m251", "Busy release 251", "Appeals", start.plusSeconds(60L * 251)))
                .id());
        List<String> monthWrites = bucket.writes().stream().filter(k -> k.startsWith("news/2026/11/")
                && !k.contains("slug-") || k.startsWith("sitemaps/")).sorted().toList();
        assertEquals(List.of("news/2026/11/index.html", "news/2026/11/page/3/index.html", "sitemaps/2026-11-3.xml"),
                monthWrites, "the month's own page and its newest page only");

        Release old = releases.find("m005").orElseThrow();
        releases.save(old.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW.minusSeconds(30), "Issued in error.")).saved(NOW), old.version());
        bucket.clearWrites();
        publisher.publish("m005");
        assertTrue(bucket.writes().contains("news/2026/11/page/1/index.html"), "the page it was on");
        assertFalse(bucket.writes().contains("news/2026/11/page/2/index.html"));
        assertFalse(bucket.text("news/2026/11/page/1/index.html").contains("Busy release 5<"));
        assertFalse(bucket.text("sitemaps/2026-11.xml").contains("slug-m005/"));
    }

    @Test
    void withARendererABatchWritesItsPagesMarksTheListsAndNudgesThenTheRendererRendersThem() {
        InMemoryRenderQueue queue = new InMemoryRenderQueue();
        java.util.concurrent.atomic.AtomicInteger nudges = new java.util.concurrent.atomic.AtomicInteger();
        SitePublisher marking = new SitePublisher(releases, index, queue, bucket, downloads,
                new SiteRenderer(assets, "Example Police", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZoneOffset.UTC)).withNudge(nudges::incrementAndGet);
        Release first = stored(Samples.published("r1", "Road closed", "Appeals", NOW.minusSeconds(120)));
        Release second = stored(Samples.published("r2", "Witness appeal", "Road Safety", NOW.minusSeconds(60)));

        SitePublisher.Batch batch = marking.publishAll(List.of(first.id(), second.id()));
        assertFalse(batch.failed());
        assertTrue(bucket.objects().containsKey("news/2026/11/slug-r1/index.html"), "the release pages at once");
        assertTrue(bucket.objects().containsKey("news/2026/11/slug-r2/index.html"));
        assertFalse(bucket.objects().containsKey("news/index.html"), "the lists are left to the renderer");
        assertEquals(1, nudges.get(), "one nudge a batch");
        assertTrue(queue.dirty().keySet().containsAll(Set.of("latest", "category:Appeals", "category:Road Safety")),
                queue.dirty().toString());

        marking.renderShared();
        String latest = bucket.text("news/index.html");
        assertTrue(latest.indexOf("Witness appeal") >= 0 && latest.indexOf("Witness appeal") < latest.indexOf("Road closed"),
                "both listed, newest first");
        assertTrue(bucket.text("news/category/road-safety/index.html").contains("Witness appeal"));
        assertEquals(Map.of(), queue.dirty(), "every mark cleared");
    }
}
