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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.ForwardingSiteBucket;
import newsroom.fakes.InMemoryDownloads;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.RecordingCdn;
import newsroom.fakes.Samples;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SiteBucket;
import org.junit.jupiter.api.Test;

/**
 * Several publishers at once, as Lambda runs them (one per shard and more), over a storm of
 * publishes, withdrawals, retitles and category moves, with stale repeats of old events and a full
 * rebuild running alongside; every write to the bucket is slowed by a random few milliseconds, and
 * one in ten by tens of milliseconds, so the interleavings vary. Whatever the order, the site ends as the table says, and no list ever
 * links to a release page that is not in the bucket yet. Pure (in-memory ports, real threads).
 */
class SiteConvergenceTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final List<String> CATEGORIES = List.of("Appeals", "Community", "Road Safety");
    private static final Pattern RELEASE_LINK = Pattern.compile("/news/(\\d{4})/(\\d{2})/(slug-[a-z0-9-]+)/");

    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZONE);
    private final InMemorySiteIndex index = new InMemorySiteIndex(ZONE);
    private final InMemoryRenderQueue queue = new InMemoryRenderQueue();
    private final InMemorySiteBucket stored = new InMemorySiteBucket();
    private final List<String> brokenLinks = Collections.synchronizedList(new ArrayList<>());
    private final SiteBucket bucket = new JitteryBucket();
    private final SiteAssets assets = new SiteAssets();
    private final SiteRenderer renderer = new SiteRenderer(assets, "Example Police", "https://news.example", ZONE);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** When armed, the first write of this key waits (its render has read) until the test lets it go. */
    private volatile String gatedKey;
    private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);

    /** The bucket, slowed at random, checking every list as it is written. */
    private final class JitteryBucket extends ForwardingSiteBucket {
        JitteryBucket() {
            super(stored);
        }

        @Override
        public void put(String key, byte[] content, String contentType, String cacheControl) {
            if (key.equals(gatedKey)) {
                gatedKey = null;
                reached.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            pause();
            if (key.equals("news/index.html") || key.startsWith("feeds/") || key.startsWith("news/category/")) {
                Matcher link = RELEASE_LINK.matcher(new String(content, java.nio.charset.StandardCharsets.UTF_8));
                while (link.find()) {
                    String page = "news/" + link.group(1) + "/" + link.group(2) + "/" + link.group(3) + "/index.html";
                    if (!stored.exists(page)) {
                        brokenLinks.add(key + " -> " + page);
                    }
                }
            }
            super.put(key, content, contentType, cacheControl);
        }

        @Override
        public void delete(String key) {
            pause();
            super.delete(key);
        }

        private void pause() {
            try {
                // Mostly quick, now and then slow (a write that lands long after its render read).
                ThreadLocalRandom random = ThreadLocalRandom.current();
                Thread.sleep(random.nextInt(10) == 0 ? 20 + random.nextInt(30) : random.nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SitePublisher publisher() {
        return new SitePublisher(releases, index, bucket, new InMemoryDownloads(), renderer, assets, new RecordingCdn(),
                clock, new SharedPages(index, queue, releases, new SitePages(renderer), bucket, new RecordingCdn(),
                        clock, Duration.ofMillis(2), Duration.ofSeconds(60)));
    }

    @Test
    void concurrentPublishersAndARebuildLeaveTheSiteAsTheTableSays() throws Exception {
        int count = 40;
        for (int i = 0; i < count; i++) {
            releases.create(Samples.published("r" + i, "Original title " + i, CATEGORIES.get(i % 3),
                    NOW.minusSeconds(3_600L * (i + 1))));
        }
        List<SitePublisher> publishers = List.of(publisher(), publisher(), publisher(), publisher());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        Random random = new Random(42);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            // Everything published once, in no particular order...
            for (int i = 0; i < count; i++) {
                String id = "r" + i;
                SitePublisher p = publishers.get(random.nextInt(publishers.size()));
                work.add(CompletableFuture.runAsync(() -> p.publish(id), pool));
            }
            // ...while the storm of changes begins, each followed by its event (and some events twice).
            for (int i = 0; i < count; i++) {
                int n = i;
                SitePublisher p = publishers.get(random.nextInt(publishers.size()));
                SitePublisher late = publishers.get(random.nextInt(publishers.size()));
                work.add(CompletableFuture.runAsync(() -> {
                    change(n);
                    p.publish("r" + n);
                    late.publish("r" + n);
                }, pool));
            }
            SiteRebuilder rebuild = new SiteRebuilder(releases, index, queue, bucket, new InMemoryDownloads(),
                    renderer, assets, Samples.CATEGORIES, new RecordingCdn(), clock, 3);
            work.add(CompletableFuture.runAsync(() -> rebuild.rebuild(line -> { }), pool));
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of(), brokenLinks, "a list linked to a page not yet written");
        List<Release> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(releases.find("r" + i).orElseThrow());
        }
        String latest = stored.text("news/index.html");
        String atom = stored.text("feeds/news.atom");
        String sitemap = stored.text("sitemaps/2026-11.xml");
        String month = stored.text("news/2026/11/index.html");
        for (Release release : all) {
            String link = "/news/2026/11/" + release.slug() + "/";
            String page = stored.text("news/2026/11/" + release.slug() + "/index.html");
            String category = stored.text("news/category/"
                    + newsroom.domain.Categories.slugOf(release.category()) + "/index.html");
            if (release.status() == ReleaseStatus.WITHDRAWN) {
                assertFalse(latest.contains(link), release.id() + " withdrawn, still in the latest list");
                assertFalse(atom.contains(release.title()), release.id() + " withdrawn, still in the feed");
                assertFalse(sitemap.contains(link), release.id() + " withdrawn, still in the sitemap");
                assertFalse(month.contains(link), release.id() + " withdrawn, still in its month");
                for (String c : CATEGORIES) {
                    assertFalse(stored.text("news/category/" + newsroom.domain.Categories.slugOf(c) + "/index.html")
                            .contains(link), release.id() + " withdrawn, still in " + c);
                }
                assertTrue(page.contains("Withdrawn in the storm"), release.id() + " page is the notice");
                assertFalse(page.contains("Body of"), release.id() + " withdrawn, its text still public");
            } else {
                assertTrue(page.contains(release.title()), release.id() + " page shows its current title");
                assertTrue(sitemap.contains(link), release.id() + " missing from the sitemap");
                assertTrue(month.contains(release.title()), release.id() + " missing from its month");
                assertTrue(category.contains(release.title()), release.id() + " missing from its category");
                for (String c : CATEGORIES) {
                    if (!c.equals(release.category())) {
                        assertFalse(stored.text("news/category/" + newsroom.domain.Categories.slugOf(c)
                                + "/index.html").contains(link), release.id() + " still in " + c);
                    }
                }
            }
            if (release.title().startsWith("Corrected")) {
                String old = ">Original title " + release.id().substring(1) + "<";
                assertFalse(atom.contains(old) || latest.contains(old) || month.contains(old),
                        release.id() + " an old title is still listed");
            }
        }
        List<Release> newestPublic = all.stream().filter(r -> r.status() == ReleaseStatus.PUBLISHED)
                .sorted((a, b) -> b.publishedAt().compareTo(a.publishedAt())).limit(SitePublisher.LATEST_COUNT).toList();
        for (Release release : newestPublic) {
            assertTrue(latest.contains("/news/2026/11/" + release.slug() + "/"), release.id() + " missing from latest");
            assertTrue(atom.contains(release.title()), release.id() + " missing from the feed");
        }
    }

    /**
     * The race the issue names, made to happen: Y's publisher reads the lists (X still in them) and
     * is slow to write the feed; meanwhile X is withdrawn and its publisher runs to the end. The
     * slow, stale feed must not be the last word: X stays out of every list.
     */
    @Test
    void aSlowPublisherWithStaleListsCannotPutAWithdrawnReleaseBack() throws Exception {
        releases.create(Samples.published("x", "Missing man found", "Appeals", NOW.minusSeconds(600)));
        Release x = releases.find("x").orElseThrow();
        releases.create(Samples.published("y", "Road reopened", "Appeals", NOW.minusSeconds(300)));
        SitePublisher first = publisher();
        SitePublisher second = publisher();
        first.publish("x");
        first.publish("y");
        assertTrue(stored.text("feeds/news.atom").contains("Missing man found"));

        Release y = releases.find("y").orElseThrow();
        releases.save(y.toBuilder().content("Road reopened at noon", y.summary(), y.body(), y.category(), y.tags(),
                y.contact(), y.heroImage()).saved(NOW), y.version());
        gatedKey = "feeds/news.atom";
        CompletableFuture<List<String>> slow = CompletableFuture.supplyAsync(() -> first.publish("y"));
        assertTrue(reached.await(10, java.util.concurrent.TimeUnit.SECONDS), "the slow publisher reached the feed");

        releases.save(x.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "He has been found.", true)).saved(NOW), x.version());
        CompletableFuture<List<String>> withdrawal = CompletableFuture.supplyAsync(() -> second.publish("x"));
        Thread.sleep(300); // the withdrawal's publisher does all it can while the stale feed is held
        letGo.countDown();
        slow.get(30, java.util.concurrent.TimeUnit.SECONDS);
        withdrawal.get(30, java.util.concurrent.TimeUnit.SECONDS);

        for (String list : List.of("feeds/news.atom", "feeds/news.rss", "news/index.html", "feeds/appeals.atom",
                "news/category/appeals/index.html", "news/2026/11/index.html", "sitemaps/2026-11.xml")) {
            assertFalse(stored.text(list).contains("slug-x"), list + " links the withdrawn release again");
        }
        assertTrue(stored.text("feeds/news.atom").contains("Road reopened at noon"));
    }

    /**
     * A rebuild (or a late publisher) read X while it was public and is slow to write X's page;
     * meanwhile X is withdrawn and its notice written. The full text must not come back.
     */
    @Test
    void aSlowWriterOfAReleasePageCannotPutWithdrawnTextBack() throws Exception {
        releases.create(Samples.published("x", "Name given in error", "Appeals", NOW.minusSeconds(600)));
        Release x = releases.find("x").orElseThrow();
        SitePublisher first = publisher();
        SitePublisher second = publisher();
        String page = "news/2026/11/slug-x/index.html";
        gatedKey = page;
        CompletableFuture<List<String>> slow = CompletableFuture.supplyAsync(() -> first.publish("x"));
        assertTrue(reached.await(10, java.util.concurrent.TimeUnit.SECONDS));

        releases.save(x.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Withdrawn: a name was given in error.", true)).saved(NOW),
                x.version());
        second.publish("x");
        assertTrue(stored.text(page).contains("a name was given in error"));
        letGo.countDown();
        slow.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertTrue(stored.text(page).contains("a name was given in error"), "the notice stays");
        assertFalse(stored.text(page).contains("Body of"), "the withdrawn text is not back");
    }

    /** One release's change: a third withdrawn, a third retitled, a third moved to another category. */
    private void change(int n) {
        Release current = releases.find("r" + n).orElseThrow();
        Release changed = switch (n % 3) {
            case 0 -> current.toBuilder().status(ReleaseStatus.WITHDRAWN)
                    .withdrawal(new Withdrawal(NOW, "Withdrawn in the storm.", true)).saved(NOW);
            case 1 -> current.toBuilder().content("Corrected title " + n, current.summary(), current.body(),
                    current.category(), current.tags(), current.contact(), current.heroImage()).saved(NOW);
            default -> current.toBuilder().content(current.title(), current.summary(), current.body(),
                    CATEGORIES.get((n + 1) % 3), current.tags(), current.contact(), current.heroImage()).saved(NOW);
        };
        releases.save(changed, current.version());
    }
}
