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
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.store.DynamoDbContactRepository;

/**
 * Email fan-out: one release to every contact on a large list, at a configured send rate, through
 * the local runtime (stream → media-notifier → SQS → several mail senders → the emulator's SES).
 * Reports the time until all were sent, emails per second against the rate, duplicates and misses.
 */
final class FanOutBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One run's figures. */
    record Run(int contacts, double rate, int senders, long millis, int sent, int duplicates, int misses) {
        double perSecond() {
            return sent * 1000.0 / Math.max(1, millis);
        }
    }

    private FanOutBench() {
    }

    static Run measure(Emulator emulator, int contacts, double rate, int senders) throws Exception {
        emulator.reset();
        LocalTokens tokens = LocalTokens.throwaway();
        LocalRuntime.Options options = LocalRuntime.Options.defaults().withPorts(0, 0).withTick(Duration.ZERO)
                .withMaxSendRate(rate).withMailConcurrency(senders);
        try (LocalRuntime runtime = LocalRuntime.start(emulator, options, tokens)) {
            load(runtime, contacts);
            String publisher = tokens.issue("bench", List.of("newsroom/publisher"));
            String title = "Fan-out at " + (int) rate + " a second";
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
            List<SentEmail> sent = List.of();
            long done = -1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000);
                sent = emulator.sentEmails().stream().filter(e -> title.equals(e.subject())).toList();
                if (sent.size() >= contacts) {
                    done = (System.nanoTime() - start) / 1_000_000;
                    Thread.sleep(3000); // stragglers would be duplicates
                    sent = emulator.sentEmails().stream().filter(e -> title.equals(e.subject())).toList();
                    break;
                }
            }
            Set<String> recipients = new HashSet<>();
            sent.forEach(e -> recipients.addAll(e.to()));
            long millis = done < 0 ? (System.nanoTime() - start) / 1_000_000 : done;
            return new Run(contacts, rate, senders, millis, sent.size(), sent.size() - recipients.size(),
                    contacts - recipients.size());
        }
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
