package newsroom.local;

import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled releases under an injected clock: many random embargoes, a tick every minute (some
 * missed, as a schedule may be), and after every tick: nothing public before its time, everything
 * due published, at most 60 s late when no tick was missed, and a missed tick caught up by the next.
 * Needs: the AWS emulator (started by the harness).
 */
class EmbargoScheduleIT {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final long SEED = 20261129L;
    private static final int RELEASES = 30;
    private static MutableClock clock;
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        runtime = LocalStack.start(SharedEmulator.fresh(),
                LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO));
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void randomSchedulesArePublishedOnTimeAndNeverEarly() {
        String publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
        Random random = new Random(SEED);
        Map<String, Instant> embargoes = new HashMap<>();
        Map<String, String> urls = new HashMap<>();
        Map<String, Instant> embargoBySlug = new HashMap<>();
        for (int i = 0; i < RELEASES; i++) {
            Instant embargo = START.plusSeconds(1 + random.nextInt(2 * 3600)).plusMillis(random.nextInt(1000));
            HttpResponse<String> created = api.post("/releases", publisher, release("Scheduled " + i, "Appeals",
                    "\"embargoUntil\": \"" + embargo + "\", \"publish\": true"));
            assertEquals(201, created.statusCode(), created.body());
            JsonNode body = json(created);
            assertEquals("SCHEDULED", body.path("status").asText());
            embargoes.put(body.path("id").asText(), embargo);
            urls.put(body.path("id").asText(), body.path("url").asText());
            embargoBySlug.put(body.path("slug").asText(), embargo);
        }
        var repository = new DynamoDbReleaseRepository(runtime.clients().dynamo(), runtime.resources().tableName(),
                runtime.resources().recordsTableName(), ZoneId.of("Europe/London"));
        Map<String, Instant> publishedAtTick = new HashMap<>();
        Instant previousTick = START;
        boolean previousMissed = false;
        int missed = 0;
        for (int minute = 1; minute <= 125; minute++) {
            // The schedule fires at some second within each minute; sometimes it does not fire at all.
            Instant tick = START.plusSeconds(minute * 60L + 17);
            clock.set(tick);
            boolean miss = random.nextInt(10) == 0;
            if (miss) {
                missed++;
                previousMissed = true;
                continue;
            }
            runtime.tickSchedules();
            for (var entry : embargoes.entrySet()) {
                Release release = repository.find(entry.getKey()).orElseThrow();
                Instant embargo = entry.getValue();
                if (embargo.isAfter(tick)) {
                    assertEquals(ReleaseStatus.SCHEDULED, release.status(), "published before its embargo");
                } else {
                    assertEquals(ReleaseStatus.PUBLISHED, release.status(), "due at " + embargo + ", still not public at " + tick);
                    publishedAtTick.putIfAbsent(entry.getKey(), tick);
                    if (!previousMissed && embargo.isAfter(previousTick)) {
                        assertTrue(Duration.between(embargo, tick).compareTo(Duration.ofSeconds(60)) < 0,
                                "published more than 60 s after its embargo");
                    }
                }
            }
            assertNoPageBeforeItsTime(embargoBySlug, tick);
            previousTick = tick;
            previousMissed = false;
        }
        assertTrue(missed > 0, "the seed gives at least one missed tick");
        assertEquals(embargoes.keySet(), publishedAtTick.keySet(), "every release was published");
        for (String id : embargoes.keySet()) {
            HttpResponse<String> page = Eventually.await(Duration.ofSeconds(20), () -> Http.get(URI.create(urls.get(id))),
                    r -> r.statusCode() == 200);
            assertEquals(200, page.statusCode(), "the page of " + id + " appears once public");
        }
    }

    /** The site bucket never holds the page of a release whose embargo is still ahead. */
    private static void assertNoPageBeforeItsTime(Map<String, Instant> embargoBySlug, Instant now) {
        Set<String> keys = runtime.clients().s3().listObjectsV2(l -> l.bucket(runtime.resources().siteBucket())
                .prefix("news/2026/")).contents().stream().map(o -> o.key()).collect(Collectors.toSet());
        for (String key : keys) {
            if (!key.matches("^news/\\d{4}/\\d{2}/[^/]+/index.html$")) {
                continue; // a month archive, not a release page; it lists only what is public (SiteRendererTest)
            }
            String slug = key.replaceAll("^news/\\d{4}/\\d{2}/([^/]+)/index.html$", "$1");
            Instant embargo = embargoBySlug.get(slug);
            assertTrue(embargo != null && !embargo.isAfter(now), "page " + key + " is on the site before " + embargo);
        }
    }
}
