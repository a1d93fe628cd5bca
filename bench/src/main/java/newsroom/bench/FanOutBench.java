package newsroom.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.aws.AwsClients;
import newsroom.local.LocalClients;
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.store.DynamoDbContactRepository;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Email fan-out: one release to every contact on a large list, at a configured send rate, through
 * the local runtime (stream → media-notifier → SQS → several mail senders → the emulator's SES).
 * Reports the time until all were sent, emails per second against the rate, duplicates and misses.
 */
final class FanOutBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One run's figures, with the mail senders' own requests to the table and to SES. */
    record Run(int contacts, double rate, int senders, long millis, int sent, int duplicates, int misses,
               long tableCalls, long sesCalls) {
        double perSecond() {
            return sent * 1000.0 / Math.max(1, millis);
        }

        /** The senders' requests (table and SES) for each email sent. */
        double callsPerEmail() {
            return (tableCalls + sesCalls) / (double) Math.max(1, sent);
        }
    }

    /** Counts the requests a client makes. */
    private static final class Meter implements ExecutionInterceptor {
        final AtomicLong requests = new AtomicLong();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.incrementAndGet();
        }
    }

    private FanOutBench() {
    }

    static Run measure(Emulator emulator, int contacts, double rate, int senders) throws Exception {
        emulator.reset();
        LocalTokens tokens = LocalTokens.throwaway();
        LocalClients clients = LocalClients.forEndpoint(emulator.endpoint());
        Meter table = new Meter();
        Meter ses = new Meter();
        LocalRuntime.Options options = LocalRuntime.Options.defaults().withPorts(0, 0).withTick(Duration.ZERO)
                .withMaxSendRate(rate).withMailConcurrency(senders)
                .withMailTable(AwsClients.build(DynamoDbClient.builder()
                        .overrideConfiguration(o -> o.addExecutionInterceptor(table)), clients.settings()))
                // As the senders' own SES client: no retries of its own (SesMailer.client).
                .withSes(AwsClients.build(SesV2Client.builder().overrideConfiguration(o -> o
                        .retryStrategy(DefaultRetryStrategy.doNotRetry()).addExecutionInterceptor(ses)),
                        clients.settings()));
        try (clients; LocalRuntime runtime = LocalRuntime.start(emulator, options, tokens)) {
            load(runtime, contacts);
            String publisher = tokens.issue("bench", List.of("newsroom/publisher"));
            String title = "Fan-out at " + (int) rate + " a second";
            long before = accepted(clients);
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/releases"))
                    .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title + "\", \"body\": \"Text\", "
                            + "\"category\": \"Appeals\", \"contact\": {\"name\": \"Press\", \"phone\": \"0800\"}, "
                            + "\"publish\": true}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("publish failed: " + created.body());
            }
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds((long) (contacts / rate * 4) + 120).toNanos();
            // SES's own count of what it accepted (GetAccount), a fifth of a second apart: the
            // emulator's full list of messages (every body) is read only once, at the end, so that
            // watching does not slow what it watches, nor round the time up to a second.
            long done = -1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (accepted(clients) >= before + contacts) {
                    done = (System.nanoTime() - start) / 1_000_000;
                    break;
                }
            }
            Thread.sleep(3000); // stragglers would be duplicates
            List<SentEmail> sent = emulator.sentEmails().stream().filter(e -> title.equals(e.subject())).toList();
            Set<String> recipients = new HashSet<>();
            sent.forEach(e -> recipients.addAll(e.to()));
            long millis = done < 0 ? (System.nanoTime() - start) / 1_000_000 : done;
            return new Run(contacts, rate, senders, millis, sent.size(), sent.size() - recipients.size(),
                    contacts - recipients.size(), table.requests.get(), ses.requests.get());
        }
    }

    /** How many emails SES accepted so far (its 24-hour count: the emulator was reset before the run). */
    private static long accepted(LocalClients clients) {
        return (long) clients.ses().getAccount(g -> { }).sendQuota().sentLast24Hours().doubleValue();
    }

    /** The media list, loaded in parallel through the repository (as an import would). */
    private static void load(LocalRuntime runtime, int contacts) throws Exception {
        var repository = new DynamoDbContactRepository(runtime.clients().dynamo(), runtime.resources().tableName());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < contacts; i++) {
                int n = i;
                work.add(pool.submit(() -> repository.create(new MediaContact(UUID.randomUUID().toString(),
                        "journalist" + n + "@outlet" + (n % 50) + ".example", "Journalist " + n, "Outlet", null,
                        Set.of(n % 3 == 0 ? "*" : "Appeals"), false, ContactStatus.ACTIVE, "bench", now, now))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

}
