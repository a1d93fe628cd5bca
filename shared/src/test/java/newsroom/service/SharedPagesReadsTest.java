package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import newsroom.domain.Release;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.RecordingCdn;
import newsroom.fakes.Samples;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages;
import newsroom.render.SitePaths;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SiteIndex;
import org.junit.jupiter.api.Test;

/**
 * A round of the lists reads each release once: the latest list, the month's own page, its
 * newest page and the category's page name mostly the same newest releases, and each is still
 * rendered from it.
 */
class SharedPagesReadsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** The releases, counting every id each read asks for. */
    private static final class Counting extends InMemoryReleaseRepository {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        Counting() {
            super(ZONE);
        }

        @Override
        public List<Release> findAll(List<String> ids) {
            asked.addAll(ids);
            return super.findAll(ids);
        }
    }

    @Test
    void aRoundOfTheLatestTheMonthAndTheCategoryReadsEachReleaseOnce() {
        Counting releases = new Counting();
        InMemorySiteIndex index = new InMemorySiteIndex(ZONE);
        List<Release> published = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Release release = Samples.published(String.format("%08d-0000-4000-8000-000000000000", i),
                    "Appeal number " + i, "Appeals", NOW.minusSeconds(60L * (150 - i)));
            releases.create(release);
            index.list(new SiteIndex.Listing(release.id(), release.version(), release.publishedAt(), release.category()));
            published.add(release);
        }
        InMemorySiteBucket bucket = new InMemorySiteBucket();
        SharedPages lists = new SharedPages(index, new InMemoryRenderQueue(), releases,
                new SitePages(new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example", ZONE)), bucket,
                new RecordingCdn(), Clock.fixed(NOW, ZoneOffset.UTC));

        lists.update(List.of(SharedPages.month(YearMonth.from(NOW.atZone(ZONE))), SharedPages.category("Appeals")));

        Map<String, Long> times = releases.asked.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertTrue(times.values().stream().allMatch(n -> n == 1), "each release read once in the round: "
                + times.entrySet().stream().filter(e -> e.getValue() > 1).toList());
        assertEquals(150, times.size(), "every release of the month's pages");
        String newest = published.get(149).title();
        YearMonth month = YearMonth.from(NOW.atZone(ZONE));
        for (String key : List.of(SitePaths.LATEST, SitePaths.SITE_ATOM, SitePaths.monthKey(month),
                SitePaths.monthPageKey(month, 2), SitePaths.categoryKey("Appeals"), SitePaths.categoryFeedKey("Appeals"))) {
            assertTrue(bucket.objects().get(key).text().contains(newest), key + " lists the newest release");
        }
        assertTrue(bucket.objects().get(SitePaths.monthPageKey(month, 1)).text().contains(published.get(0).title()),
                "and the oldest, on the month's first page");
    }
}
