package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import newsroom.render.MailComposer;
import newsroom.service.SignedTokens;
import newsroom.service.port.Mailer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Release emails through the emulator's SES: exactly one per eligible contact and none for the
 * rest, embargoed advance copies only to trusted contacts, updates and withdrawals to those who got
 * the release, suppression of unsubscribed and bounced contacts, a delivery report that agrees, and
 * all of it still exact while SES throttles or refuses a share of sends and messages are redelivered.
 * Headers are checked on the requests the code builds (the emulator does not keep them).
 * Needs: the AWS emulator (started by the harness).
 */
class MailDeliveryIT {
    private static final Instant START = Instant.parse("2026-11-29T09:00:00Z");
    private static final List<SendEmailRequest> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger THROTTLED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static SesV2Client faultySes;
    private static Api api;
    private static String publisher;
    private static String admin;

    /**
     * The real SDK client, with SES made unreliable: about one send in four is throttled (the
     * mailer backs off and retries) and about one in eight is refused once, definitely (the job
     * fails and SQS redelivers it). Every request is recorded as sent.
     */
    private static final class UnreliableSes implements ExecutionInterceptor {
        private final Random random = new Random(7);
        private final Set<String> refusedOnce = Collections.synchronizedSet(new HashSet<>());

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof SendEmailRequest request)) {
                return;
            }
            String to = request.destination().toAddresses().get(0) + "|" + request.content().simple().subject().data();
            synchronized (random) {
                if (random.nextInt(4) == 0) {
                    THROTTLED.incrementAndGet();
                    throw TooManyRequestsException.builder().message("Maximum sending rate exceeded.").statusCode(429)
                            .awsErrorDetails(details("TooManyRequestsException", "Maximum sending rate exceeded."))
                            .build();
                }
                if (random.nextInt(8) == 0 && refusedOnce.add(to)) {
                    REFUSED.incrementAndGet();
                    // A definite refusal (a 4xx): not sent, so the retry may send it. (A 5xx or a
                    // timeout would leave the send in doubt until SES's Send event or the lease.)
                    throw MessageRejectedException.builder().message("Message rejected").statusCode(400)
                            .awsErrorDetails(details("MessageRejected", "Message rejected")).build();
                }
            }
            REQUESTS.add(request);
        }
    }

    /** What SES puts in its error answers (the SDK reads the code; without it, it fails on its own). */
    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SESv2").build();
    }

    /** Subjects whose first send "crashes the sender": right after SES accepted it, or right before. */
    private static final Set<String> CRASH_AFTER = Collections.synchronizedSet(new HashSet<>());
    private static final Set<String> CRASH_BEFORE = Collections.synchronizedSet(new HashSet<>());

    /** The sender's runtime dying, which no handler code can catch (an Error, as in an out-of-memory death). */
    private static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash " + where + " the send");
        }
    }

    private static Mailer crashing(Mailer ses) {
        return email -> {
            String key = email.to() + "|" + email.subject();
            if (CRASH_BEFORE.stream().anyMatch(email.subject()::contains) && CRASH_BEFORE.add(key)) {
                throw new Crash("before");
            }
            String id = ses.send(email);
            if (CRASH_AFTER.stream().anyMatch(email.subject()::contains) && CRASH_AFTER.add(key)) {
                throw new Crash("after");
            }
            return id;
        };
    }

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        emulator = SharedEmulator.fresh();
        LocalClients clients = LocalClients.forEndpoint(emulator.endpoint());
        faultySes = SesV2Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(LocalClients.REGION)
                .credentialsProvider(clients.settings().credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new UnreliableSes())
                        .retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
        clients.close();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO)
                .withSes(faultySes).withMailer(MailDeliveryIT::crashing));
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
        admin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        faultySes.close();
    }

    private static String contact(String email, String topics, boolean embargoAccess, String status) {
        HttpResponse<String> created = api.post("/contacts", admin, "{\"email\": \"" + email + "\", \"name\": \"Reporter\", "
                + "\"topics\": [" + topics + "], \"embargoAccess\": " + embargoAccess
                + (status == null ? "" : ", \"status\": \"" + status + "\"") + "}");
        assertEquals(201, created.statusCode(), created.body());
        return json(created).path("id").asText();
    }

    private static List<SentEmail> sentTo(Set<String> addresses, String subjectPart) {
        return emulator.sentEmails().stream()
                .filter(e -> e.to().stream().anyMatch(addresses::contains) && e.subject().contains(subjectPart))
                .toList();
    }

    private static Map<String, Integer> countByRecipient(List<SentEmail> emails) {
        Map<String, Integer> counts = new HashMap<>();
        emails.forEach(e -> e.to().forEach(to -> counts.merge(to, 1, Integer::sum)));
        return counts;
    }

    /** Waits for the mail to settle: the count stops changing for a few seconds. */
    private static List<SentEmail> settled(Set<String> addresses, String subjectPart, int expected) {
        Eventually.await(Duration.ofSeconds(60), () -> sentTo(addresses, subjectPart).size(), n -> n >= expected);
        Eventually.await(Duration.ofSeconds(3), () -> sentTo(addresses, subjectPart).size(), n -> n > expected);
        return sentTo(addresses, subjectPart);
    }

    @Test
    void everyEligibleContactGetsEachEmailExactlyOnceWhateverSesDoes() {
        Set<String> eligible = new HashSet<>();
        Set<String> everyone = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String email = "appeals" + i + "@paper.example";
            contact(email, "\"Appeals\"", false, null);
            eligible.add(email);
        }
        for (int i = 0; i < 4; i++) {
            String email = "all" + i + "@wire.example";
            contact(email, "\"*\"", false, null);
            eligible.add(email);
        }
        for (int i = 0; i < 5; i++) {
            contact("roads" + i + "@motoring.example", "\"Road Safety\"", false, null);
            everyone.add("roads" + i + "@motoring.example");
        }
        contact("gone@paper.example", "\"Appeals\"", false, "UNSUBSCRIBED");
        contact("bounced@paper.example", "\"Appeals\"", false, "BOUNCED");
        everyone.addAll(eligible);
        everyone.add("gone@paper.example");
        everyone.add("bounced@paper.example");

        HttpResponse<String> created = api.post("/releases", publisher, release("Fan-out appeal", "Appeals", "\"publish\": true"));
        String id = json(created).path("id").asText();
        List<SentEmail> sent = settled(everyone, "Fan-out appeal", eligible.size());
        Map<String, Integer> counts = countByRecipient(sent);
        assertEquals(eligible, counts.keySet(), "every eligible contact, and no one else");
        assertTrue(counts.values().stream().allMatch(n -> n == 1), "exactly once each: " + counts);
        assertTrue(THROTTLED.get() > 0 && REFUSED.get() > 0, "SES did throttle and refuse some sends");

        // Addresses are shown only to a caller who also keeps the media list.
        String publisherAndAdmin = runtime.tokens().issue("lead@example.gov.uk",
                List.of("newsroom/publisher", "newsroom/contacts"));
        JsonNode report = json(api.get("/releases/" + id + "/deliveries?limit=100", publisherAndAdmin));
        assertEquals(eligible.size(), report.path("counts").path("SENT").asInt());
        assertEquals(0, report.path("counts").path("FAILED").asInt());
        assertEquals(2, report.path("counts").path("SUPPRESSED").asInt(), "unsubscribed and bounced");
        Set<String> sentInReport = new HashSet<>();
        report.path("items").forEach(item -> {
            if (item.path("status").asText().equals("SENT")) {
                assertTrue(!item.path("messageId").asText().isEmpty());
                sentInReport.add(item.path("email").asText());
            }
        });
        assertEquals(eligible, sentInReport, "the report agrees with the mail actually sent");

        SendEmailRequest request = REQUESTS.stream()
                .filter(r -> r.content().simple().subject().data().equals("Fan-out appeal")).findFirst().orElseThrow();
        Map<String, String> headers = request.content().simple().headers().stream()
                .collect(Collectors.toMap(h -> h.name(), h -> h.value()));
        assertEquals("List-Unsubscribe=One-Click", headers.get("List-Unsubscribe-Post"));
        String link = headers.get("List-Unsubscribe").replaceAll("^<|>$", "");
        assertTrue(link.startsWith(runtime.apiUrl() + "/unsubscribe?token="), link);
        String token = link.substring(link.indexOf("token=") + 6);
        String contactId = new SignedTokens(runtime.signingKeys(), clock).verifyUnsubscribe(token)
                .orElseThrow();
        assertEquals(request.destination().toAddresses().get(0),
                json(api.get("/contacts/" + contactId, admin)).path("email").asText(), "the link names its recipient");
    }

    @Test
    void aSenderDyingJustBeforeOrJustAfterSesAcceptsStillGivesExactlyOneEmail() {
        CRASH_AFTER.add("Crash after send");
        CRASH_BEFORE.add("Crash before send");
        Set<String> readers = Set.of("crash1@paper.example", "crash2@paper.example", "crash3@paper.example");
        readers.forEach(e -> contact(e, "\"Corporate\"", false, null));
        for (String title : List.of("Crash after send", "Crash before send")) {
            String id = json(api.post("/releases", publisher, release(title, "Corporate", "\"publish\": true")))
                    .path("id").asText();
            // A crash before the send leaves a claim with no Send event: it is retried once its lease
            // is over. The functions' clock is this test's, so the test lets the lease run out.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (sentTo(readers, title).size() < readers.size() && System.nanoTime() < deadline) {
                Eventually.await(Duration.ofSeconds(5), () -> sentTo(readers, title), l -> l.size() >= readers.size());
                clock.advance(Duration.ofSeconds(30));
            }
            List<SentEmail> sent = sentTo(readers, title);
            sent = Eventually.await(Duration.ofSeconds(15), () -> sentTo(readers, title), l -> l.size() > readers.size());
            Map<String, Integer> counts = countByRecipient(sent);
            assertEquals(readers, counts.keySet(), title);
            assertTrue(counts.values().stream().allMatch(n -> n == 1), title + ": exactly once each: " + counts);
            JsonNode report = json(api.get("/releases/" + id + "/deliveries", publisher));
            assertEquals(readers.size(), report.path("counts").path("SENT").asInt(), title + ": " + report);
        }
    }

    @Test
    void bouncesAndComplaintsStopAllFurtherEmail() {
        String bouncer = contact("will-bounce@paper.example", "\"Community\"", false, null);
        String complainer = contact("will-complain@paper.example", "\"Community\"", false, null);
        var failures = runtime.sesEvents(List.of(
                "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", "
                        + "\"bouncedRecipients\": [{\"emailAddress\": \"Will-Bounce@Paper.example\"}]}, \"mail\": {}}",
                "{\"notificationType\": \"Complaint\", \"complaint\": {\"complainedRecipients\": "
                        + "[{\"emailAddress\": \"will-complain@paper.example\"}]}, \"mail\": {}}",
                "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Transient\", "
                        + "\"bouncedRecipients\": [{\"emailAddress\": \"update1@paper.example\"}]}, \"mail\": {}}"));
        assertEquals(List.of(), failures.getBatchItemFailures());
        assertEquals("BOUNCED", json(api.get("/contacts/" + bouncer, admin)).path("status").asText());
        assertEquals("COMPLAINED", json(api.get("/contacts/" + complainer, admin)).path("status").asText());

        String id = json(api.post("/releases", publisher, release("After the bounce", "Community", "\"publish\": true")))
                .path("id").asText();
        JsonNode report = Eventually.await(Duration.ofSeconds(30),
                () -> json(api.get("/releases/" + id + "/deliveries", publisher)),
                r -> r.path("counts").path("SUPPRESSED").asInt() >= 2);
        assertEquals(2, report.path("counts").path("SUPPRESSED").asInt(), report.toString());
        assertEquals(List.of(), sentTo(Set.of("will-bounce@paper.example", "will-complain@paper.example"), "After the bounce"));
    }

    @Test
    void embargoedCopiesGoOnlyToTrustedContactsAndEveryoneElseWaits() {
        Set<String> trusted = Set.of("trusted1@agency.example", "trusted2@agency.example");
        Set<String> others = Set.of("desk1@local.example", "desk2@local.example", "desk3@local.example");
        trusted.forEach(e -> contact(e, "\"Court Results\"", true, null));
        others.forEach(e -> contact(e, "\"Court Results\"", false, null));
        Set<String> all = new HashSet<>(trusted);
        all.addAll(others);

        Instant embargo = START.plus(Duration.ofHours(2));
        HttpResponse<String> scheduled = api.post("/releases", publisher, release("Sentencing at the Crown Court",
                "Court Results", "\"embargoUntil\": \"" + embargo + "\", \"publish\": true"));
        assertEquals("SCHEDULED", json(scheduled).path("status").asText());
        List<SentEmail> advance = settled(all, "Sentencing at the Crown Court", trusted.size());
        assertEquals(trusted, countByRecipient(advance).keySet(), "only trusted contacts, in advance");
        assertTrue(advance.stream().allMatch(e -> e.subject().startsWith("EMBARGOED UNTIL 29 November 2026, 11:00 GMT: ")));
        assertTrue(advance.stream().allMatch(e -> e.text().startsWith("EMBARGOED UNTIL 29 November 2026, 11:00 GMT.")));
        assertTrue(REQUESTS.stream().filter(r -> r.content().simple().subject().data().startsWith("EMBARGOED"))
                .allMatch(r -> r.content().simple().headers().stream().anyMatch(h -> h.name().equals(MailComposer.EMBARGO_HEADER)
                        && h.value().equals(embargo.toString()))), "X-Embargo-Until on every advance copy");

        clock.set(embargo.plusSeconds(20));
        runtime.tickSchedules();
        List<SentEmail> all2 = settled(all, "Sentencing at the Crown Court", trusted.size() + others.size());
        Map<String, Integer> counts = countByRecipient(all2);
        assertEquals(all, counts.keySet());
        assertTrue(counts.values().stream().allMatch(n -> n == 1), "the trusted get no second copy: " + counts);
    }

    @Test
    void majorUpdatesAndWithdrawalsGoToThoseWhoGotTheRelease() {
        Set<String> readers = Set.of("update1@paper.example", "update2@paper.example");
        readers.forEach(e -> contact(e, "\"Community\"", false, null));
        HttpResponse<String> published = api.post("/releases", publisher, release("Community meeting", "Community",
                "\"publish\": true"));
        String id = json(published).path("id").asText();
        settled(readers, "Community meeting", readers.size());
        contact("late@paper.example", "\"Community\"", false, null);
        Set<String> withLate = new HashSet<>(readers);
        withLate.add("late@paper.example");

        String minor = release("Community meeting", "Community", "\"changeNote\": \"Typo\", \"changeType\": \"minor\"");
        HttpResponse<String> afterMinor = api.put("/releases/" + id, publisher, minor, etag(published));
        assertEquals(200, afterMinor.statusCode(), afterMinor.body());
        String major = release("Community meeting", "Community",
                "\"changeNote\": \"The meeting has moved to the town hall.\", \"changeType\": \"major\"");
        HttpResponse<String> afterMajor = api.put("/releases/" + id, publisher, major, etag(afterMinor));
        assertEquals(200, afterMajor.statusCode(), afterMajor.body());
        List<SentEmail> updates = settled(withLate, "Updated: Community meeting", readers.size());
        assertEquals(readers, countByRecipient(updates).keySet(), "only those who got the release; not the late subscriber");
        assertEquals(1, updates.stream().filter(e -> e.to().contains("update1@paper.example")).count(),
                "the minor change sent nothing");
        assertTrue(updates.get(0).text().contains("The meeting has moved to the town hall."));

        HttpResponse<String> withdrawn = api.post("/releases/" + id + "/withdraw", publisher,
                "{\"reason\": \"The meeting is cancelled.\"}", Map.of("If-Match", etag(afterMajor)));
        assertEquals(200, withdrawn.statusCode());
        List<SentEmail> withdrawals = settled(withLate, "Withdrawn: Community meeting", readers.size());
        assertEquals(readers, countByRecipient(withdrawals).keySet());
        assertTrue(withdrawals.get(0).text().contains("The meeting is cancelled."));
    }
}
