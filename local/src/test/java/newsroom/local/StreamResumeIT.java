package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.local.support.StreamRecords;
import org.junit.jupiter.api.Test;

/**
 * A restarted local runtime carries on where the last one stopped, as Lambda's event source
 * mappings do: it does not read the table's stream from its beginning again (re-rendering every
 * release and queueing every email ever sent), only what came after. The emulator keeps running
 * across the restart, as it does when a developer restarts the runtime. Needs: the AWS emulator.
 */
class StreamResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String publish(LocalRuntime runtime, String token, String title) throws Exception {
        HttpResponse<String> created = new Api(runtime.apiUrl()).post("/releases", token,
                EndToEndIT.fixture().replace("Inspection finds a good response to cyber-dependent crime across law "
                        + "enforcement", title));
        assertEquals(201, created.statusCode(), created.body());
        String url = JSON.readTree(created.body()).path("url").asText();
        URI page = runtime.siteUrl().resolve(URI.create(url).getPath());
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(page), r -> r.statusCode() == 200);
        return url;
    }

    /** Waits until the runtime has handled every record there is (its count stands still for a second). */
    private static long quiet(LocalRuntime runtime) throws InterruptedException {
        long last = -1;
        long now = runtime.streamRecordsHandled();
        while (now != last) {
            Thread.sleep(1_000);
            last = now;
            now = runtime.streamRecordsHandled();
        }
        return now;
    }

    @Test
    void aRestartResumesAfterTheLastHandledRecord() throws Exception {
        Emulator emulator = SharedEmulator.fresh();
        LocalRuntime first = LocalStack.start(emulator);
        String token = first.tokens().issue("desk@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher"));
        for (int i = 0; i < 5; i++) {
            publish(first, token, "Before the restart " + i);
        }
        long handledBefore = quiet(first);
        assertTrue(handledBefore >= 10, "both consumers saw the five releases: " + handledBefore);
        // As Lambda filters before it batches: each consumer was given only the records its
        // mapping's FilterCriteria let through (releases; public ones for the notifier), not the
        // slug claims the same publishes wrote (what no consumer reads is in the records table).
        int all = 0;
        int releases = 0;
        int goingPublic = 0;
        for (var record : StreamRecords.all(first.clients().streams(), first.resources().streamArn())) {
            all++;
            var image = record.dynamodb().newImage();
            if (record.dynamodb().hasNewImage() && image.containsKey("entity")
                    && "Release".equals(image.get("entity").s())) {
                releases++;
                if (image.containsKey("status") && List.of("SCHEDULED", "PUBLISHED", "WITHDRAWN")
                        .contains(image.get("status").s())) {
                    goingPublic++;
                }
            }
        }
        assertEquals(releases + goingPublic, handledBefore, "only what the filters let through, of " + all + " records");
        assertTrue(all > releases, "the publishes wrote other items too: " + all + " records, " + releases + " releases");
        first.close();

        LocalRuntime second = LocalStack.start(emulator);
        try {
            // Long enough for a poller that started from the stream's beginning to have read it all.
            long replayed = Eventually.await(Duration.ofSeconds(4), second::streamRecordsHandled, n -> n > 0);
            assertEquals(0, replayed, "records handled before the restart were read again");

            String token2 = second.tokens().issue("desk@example.gov.uk", List.of("newsroom/editor",
                    "newsroom/publisher"));
            publish(second, token2, "After the restart");
            long handledAfter = Eventually.await(Duration.ofSeconds(10), second::streamRecordsHandled, n -> n >= 2);
            assertTrue(handledAfter >= 2 && handledAfter < handledBefore,
                    "only the new release's records: " + handledAfter + " (before the restart: " + handledBefore + ")");
        } finally {
            second.close();
        }
    }
}
