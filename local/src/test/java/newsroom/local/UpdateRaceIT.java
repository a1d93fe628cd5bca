package newsroom.local;

import static newsroom.local.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.service.port.Mailer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A major correction seconds (or no time at all) after the publish, while the release's emails are
 * still going out through slowed senders: whichever consumer runs first, every journalist ends up
 * with the corrected text, either in the release email itself (sent after the correction) or in an
 * "Updated:" email after the original; no one is left with only the old text, no one gets the
 * release twice. Likewise a withdrawal right after the publish: whoever got the release gets the
 * withdrawal. Needs: the AWS emulator (started by the harness).
 */
class UpdateRaceIT {
    private static final int READERS = 8;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;
    private static final Set<String> readers = new HashSet<>();

    /** Every send takes a while, so the fan-out is still going when the correction comes. */
    private static Mailer slowed(Mailer ses) {
        return email -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ses.send(email);
        };
    }

    @BeforeAll
    static void start() {
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withMailer(UpdateRaceIT::slowed));
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("desk@example.gov.uk", List.of("newsroom/publisher"));
        String admin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
        for (int i = 0; i < READERS; i++) {
            String email = "reader" + i + "@paper.example";
            HttpResponse<String> created = api.post("/contacts", admin, "{\"email\": \"" + email
                    + "\", \"name\": \"Reader\", \"topics\": [\"Appeals\"]}");
            assertEquals(201, created.statusCode(), created.body());
            readers.add(email);
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static List<SentEmail> about(String marker) {
        return emulator.sentEmails().stream().filter(e -> e.subject().contains(marker)).toList();
    }

    /** Waits until the mail about this release stops changing. */
    private static List<SentEmail> settled(String marker, int atLeast) {
        Eventually.await(Duration.ofSeconds(60), () -> about(marker).size(), n -> n >= atLeast);
        int last = -1;
        while (last != about(marker).size()) {
            last = about(marker).size();
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return about(marker);
    }

    @Test
    void aCorrectionReachesEveryReaderHoweverSoonItFollowsThePublish() throws Exception {
        List<String> problems = new ArrayList<>();
        for (long delay : new long[] {0, 50, 5_000}) {
            String marker = "Appeal " + delay + "ms";
            HttpResponse<String> published = api.post("/releases", publisher,
                    Api.release(marker + " first text", "Appeals", "\"publish\": true"));
            assertEquals(201, published.statusCode(), published.body());
            Thread.sleep(delay);
            HttpResponse<String> corrected = api.put("/releases/" + json(published).path("id").asText(), publisher,
                    Api.release(marker + " corrected", "Appeals",
                            "\"changeNote\": \"The appeal number was wrong.\", \"changeType\": \"major\""),
                    Api.etag(published));
            assertEquals(200, corrected.statusCode(), corrected.body());

            List<SentEmail> mail = settled(marker, READERS);
            for (String reader : readers) {
                List<String> subjects = mail.stream().filter(e -> e.to().contains(reader)).map(SentEmail::subject)
                        .toList();
                long releaseEmails = subjects.stream().filter(s -> !s.startsWith("Updated: ")).count();
                boolean gotCorrectedRelease = subjects.contains(marker + " corrected");
                boolean gotUpdate = subjects.contains("Updated: " + marker + " corrected");
                if (releaseEmails != 1) {
                    problems.add(delay + " ms: " + reader + " got the release " + releaseEmails + " times: " + subjects);
                } else if (!gotCorrectedRelease && !gotUpdate) {
                    problems.add(delay + " ms: " + reader + " has only the old text: " + subjects);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aWithdrawalRightAfterThePublishReachesEveryoneWhoGotTheRelease() throws Exception {
        String marker = "Withdrawn at once";
        HttpResponse<String> published = api.post("/releases", publisher,
                Api.release(marker, "Appeals", "\"publish\": true"));
        assertEquals(201, published.statusCode(), published.body());
        // Withdrawn as soon as the first copy is out, while the rest may still be queued (a fixed
        // pause guessed how long the stream and the queue take, and missed when the pace changed).
        Eventually.await(Duration.ofSeconds(30), () -> about(marker).size(), n -> n >= 1);
        HttpResponse<String> withdrawn = api.post("/releases/" + json(published).path("id").asText() + "/withdraw",
                publisher, "{\"reason\": \"Published in error.\"}", Map.of("If-Match", Api.etag(published)));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());

        List<SentEmail> mail = settled(marker, 1);
        for (String reader : readers) {
            List<String> subjects = mail.stream().filter(e -> e.to().contains(reader)).map(SentEmail::subject).toList();
            boolean gotRelease = subjects.contains(marker);
            boolean gotWithdrawal = subjects.contains("Withdrawn: " + marker);
            assertEquals(gotRelease, gotWithdrawal, reader + ": " + subjects);
        }
        assertTrue(mail.stream().anyMatch(e -> e.subject().equals(marker)), "some copies went before the withdrawal");
    }
}
