package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.aws.S3Downloads;
import newsroom.aws.S3SiteBucket;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.fakes.ForwardingSiteBucket;
import newsroom.local.support.SharedEmulator;
import newsroom.render.SiteAssets;
import newsroom.render.SitePaths;
import newsroom.render.SiteRenderer;
import newsroom.service.SharedPages;
import newsroom.service.SitePublisher;
import newsroom.service.port.Cdn;
import newsroom.service.port.SiteBucket;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.DynamoDbRenderQueue;
import newsroom.store.DynamoDbSiteIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A publish writes the same number of objects, and invalidates the same number of paths, whether
 * the archive holds a handful of releases or hundreds across ten years.
 * Needs: the AWS emulator (started by the harness).
 */
class BoundedPublishIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static LocalClients clients;
    private static TemplateStack.Deployed resources;
    private static DynamoDbReleaseRepository repository;

    @BeforeAll
    static void provision() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
        repository = new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    /** Counts the objects a publish puts into the bucket. */
    private static final class CountingBucket extends ForwardingSiteBucket {
        // Pages are written in parallel.
        final List<String> keys = new CopyOnWriteArrayList<>();

        CountingBucket(SiteBucket inner) {
            super(inner);
        }

        @Override
        public void put(String key, byte[] content, String contentType, String cacheControl) {
            keys.add(key);
            super.put(key, content, contentType, cacheControl);
        }
    }

    private static DynamoDbSiteIndex index() {
        return new DynamoDbSiteIndex(clients.dynamo(), resources.recordsTableName(), ZONE);
    }

    private static DynamoDbRenderQueue renderQueue() {
        return new DynamoDbRenderQueue(clients.dynamo(), resources.recordsTableName());
    }

    private static Release stored(int n, Instant publishedAt, String category) {
        Release release = new Release(UUID.randomUUID().toString(), "release-" + n + "-" + UUID.randomUUID(),
                "Release " + n, "Summary " + n, "Body of release " + n + ".\n\n> A quote.", category, List.of(),
                new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.PUBLISHED, "author",
                publishedAt, publishedAt, publishedAt, null, List.of(), null, 2);
        repository.create(release);
        repository.recordMonth(YearMonth.from(publishedAt.atZone(ZONE)));
        return release;
    }

    private static int[] publishOne(String label) {
        CountingBucket bucket = new CountingBucket(new S3SiteBucket(clients.s3(), resources.siteBucket()));
        List<List<String>> invalidations = new ArrayList<>();
        Cdn cdn = (paths, reference) -> invalidations.add(paths);
        SiteAssets assets = new SiteAssets();
        SitePublisher publisher = new SitePublisher(repository, index(), renderQueue(), bucket,
                new S3Downloads(clients.s3(), resources.uploadBucket(), resources.siteBucket()),
                new SiteRenderer(assets, "Newsroom", "https://news.example", ZONE), assets, cdn,
                Clock.fixed(NOW, ZONE));
        publisher.publish(stored(-1, NOW.minusSeconds(60), "Appeals").id()); // the first publish also writes the assets
        bucket.keys.clear();
        invalidations.clear();
        Release fresh = stored(0, NOW.minusSeconds(30), "Appeals");
        List<String> written = publisher.publish(fresh.id());
        assertEquals(1, written.size(), label + ": the release's own page");
        assertEquals(bucket.keys.size(), Set.copyOf(bucket.keys).size(), label + ": each object written once");
        assertTrue(bucket.keys.containsAll(written), label);
        assertEquals(2, invalidations.size(), label + ": one invalidation for the release, one for its lists");
        return new int[] {bucket.keys.size(), invalidations.stream().mapToInt(List::size).sum()};
    }

    @Test
    void aPublishCostsTheSameWhateverTheSizeOfTheArchive() {
        for (int i = 1; i <= 5; i++) {
            stored(i, NOW.minusSeconds(86_400L * i), i % 2 == 0 ? "Appeals" : "Road Safety");
        }
        int[] small = publishOne("small archive");

        String[] categories = {"Appeals", "Road Safety", "Court Results", "Community"};
        for (int i = 6; i <= 400; i++) {
            stored(i, NOW.minusSeconds(86_400L * 9 * i), categories[i % categories.length]);
        }
        int[] large = publishOne("large archive");

        assertEquals(11, small[0],
                "release page and its ninjs, latest, month, category, 3 feeds, sitemap shard and index, archive");
        assertEquals(small[0], large[0], "objects written");
        assertEquals(small[1], large[1], "paths invalidated");
        assertTrue(repository.months().size() > 100, "the large archive spans years of months");
    }

    /**
     * Pages are written in parallel; one that fails still fails the publish (so the stream record is
     * retried), after the others are written, and the CDN is told nothing until a publish succeeds.
     */
    @Test
    void aFailedWriteFailsThePublishAndInvalidatesNothing() {
        Release release = stored(900, NOW.minusSeconds(45), "Community");
        String monthKey = SitePaths.monthKey(YearMonth.from(release.publishedAt().atZone(ZONE)));
        SiteBucket s3 = new S3SiteBucket(clients.s3(), resources.siteBucket());
        SiteBucket failingMonth = new SiteBucket() {
            @Override
            public void put(String key, byte[] content, String contentType, String cacheControl) {
                if (key.equals(monthKey)) {
                    throw new IllegalStateException("S3 refused " + key);
                }
                s3.put(key, content, contentType, cacheControl);
            }

            @Override
            public void delete(String key) {
                s3.delete(key);
            }

            @Override
            public java.util.Optional<byte[]> read(String key) {
                return s3.read(key);
            }

            @Override
            public boolean exists(String key) {
                return s3.exists(key);
            }

            @Override
            public List<String> keys(String prefix) {
                return s3.keys(prefix);
            }
        };
        List<List<String>> invalidations = new ArrayList<>();
        SiteAssets assets = new SiteAssets();
        SitePublisher publisher = new SitePublisher(repository, index(), renderQueue(), failingMonth,
                new S3Downloads(clients.s3(), resources.uploadBucket(), resources.siteBucket()),
                new SiteRenderer(assets, "Newsroom", "https://news.example", ZONE), assets,
                (paths, reference) -> invalidations.add(paths), Clock.fixed(NOW, ZONE));

        IllegalStateException failure = Assertions.assertThrows(IllegalStateException.class,
                () -> publisher.publish(release.id()));
        assertEquals("S3 refused " + monthKey, failure.getMessage());
        assertTrue(invalidations.stream().flatMap(List::stream).noneMatch(p -> p.equals("/" + monthKey)),
                "the lists that failed are not invalidated");
        assertTrue(new DynamoDbRenderQueue(clients.dynamo(), resources.recordsTableName()).dirty()
                .containsKey(SharedPages.monthAt(YearMonth.from(release.publishedAt().atZone(ZONE)),
                        release.publishedAt())),
                "the month stays marked, for the retry (or the next publish) to render");
        String releaseKey = new SiteRenderer(assets, "Newsroom", "https://news.example", ZONE).paths().releaseKey(release);
        assertTrue(s3.exists(releaseKey), "the other pages were written before the publish failed");
    }
}
