package newsroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;
import newsroom.store.DynamoDbContactRepository;

/**
 * A press office in a crisis, through the local runtime: many clients creating and publishing at
 * once for a while, as a fan-out to the whole media list runs. For each release, the time from
 * the API's 201 to its page being in the site bucket (the local site serves the bucket; looked at
 * every 250 ms); after the burst, how long until every release page,
 * the latest list, the site feed and the category page are right.
 */
final class BurstBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code requests}: the emulator requests from the burst's start until everything was right, by operation. */
    record Result(int clients, int seconds, int contacts, int published, int errors, double rate, long p50, long p99,
                  long settledMillis, int pagesMissing, boolean listsRight, int emailsSent, Map<String, Long> requests,
                  Map<String, Long> answerBytes, Map<String, StreamCensus.Kind> stream, Map<String, Long> queries,
                  Map<String, Long> conditions, Map<String, Long> puts) {
    }

    private record Published(String title, String url, long createdNanos) {
    }

    private BurstBench() {
    }

    /** {@code rate}: publishes a second asked of all the clients together (each waits for its turn). */
    static Result measure(Emulator emulator, int clients, int seconds, double rate, int contacts) throws Exception {
        emulator.reset();
        LocalTokens tokens = LocalTokens.throwaway();
        try (LocalRuntime runtime = LocalRuntime.start(emulator, LocalRuntime.Options.defaults().withPorts(0, 0),
                tokens)) {
            loadContacts(runtime, contacts);
            awaitStreamPassed();
            String publisher = tokens.issue("bench", List.of("newsroom/publisher"));
            URI releases = runtime.apiUrl().resolve("/releases");
            // The fan-out: every contact takes Appeals; the burst is in Community, which none take.
            String fanOutTitle = "Fan-out during the burst";
            warmUp(releases, publisher);
            if (create(releases, publisher, fanOutTitle, "Appeals").statusCode() != 201) {
                throw new IllegalStateException("the fan-out release was not published");
            }

            List<Published> published = new CopyOnWriteArrayList<>();
            Map<String, Long> served = new ConcurrentHashMap<>();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger turns = new AtomicInteger();
            EmulatorRequests.reset(); // the contacts loaded above are not the burst's
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        long turn = start + (long) (turns.getAndIncrement() / rate * 1e9);
                        long wait = turn - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        if (System.nanoTime() >= end) {
                            break;
                        }
                        String title = "Burst " + client + "-" + n;
                        try {
                            HttpResponse<String> created = create(releases, publisher, title, "Community");
                            if (created.statusCode() != 201) {
                                errors.incrementAndGet();
                                continue;
                            }
                            published.add(new Published(title,
                                    created.body().replaceAll("(?s).*\"url\":\"([^\"]+)\".*", "$1"), System.nanoTime()));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // Watch the pages as they come, from the bucket's listing (what the local site serves):
            // one listing a round, so watching does not load the emulator with a request per page.
            // It lists each month's release folders (a delimiter), not every object: half the rows,
            // and the emulator sorts them all for each page of the listing. A release's folder
            // exists once its page does: the page is the first object written into it. It asks for
            // every folder in one answer: S3 answers at most 1,000 and the paginator asks on, but the
            // emulator answers them all, where each further page cost it the whole scan and sort again
            // (six pages a month by the end of the burst, 8% of the emulator's time).
            var s3 = runtime.clients().s3();
            String bucket = runtime.resources().siteBucket();
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Set<String> folders = new java.util.HashSet<>();
                        Set<String> months = new java.util.TreeSet<>();
                        published.forEach(p -> months.add(monthOf(p.url())));
                        for (String month : months) {
                            s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(month).delimiter("/").maxKeys(100_000))
                                    .commonPrefixes().forEach(f -> folders.add(f.prefix()));
                        }
                        long now = System.nanoTime();
                        for (Published p : published) {
                            if (!served.containsKey(p.title()) && folders.contains(folderOf(p.url()))) {
                                served.put(p.title(), (now - p.createdNanos()) / 1_000_000);
                            }
                        }
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // the emulator is busy: look again next round
                    }
                }
            });
            watcher.setName(EmulatorRequests.NOT_COUNTED);
            watcher.setDaemon(true);
            watcher.start();
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            long burstEnd = System.nanoTime();
            double achieved = published.size() / ((burstEnd - start) / 1e9);

            long deadline = burstEnd + TimeUnit.MINUTES.toNanos(10);
            long settled = -1;
            boolean listsRight = false;
            while (System.nanoTime() < deadline) {
                listsRight = listsRight(runtime.siteUrl(), published);
                if (served.size() >= published.size() && listsRight) {
                    settled = (System.nanoTime() - burstEnd) / 1_000_000;
                    break;
                }
                Thread.sleep(500);
            }
            watcher.interrupt();
            Map<String, Long> requests = EmulatorRequests.counted();
            Map<String, Long> answerBytes = EmulatorRequests.answerBytes();
            Map<String, Long> queries = EmulatorRequests.queries();
            Map<String, Long> conditions = EmulatorRequests.conditions();
            Map<String, Long> puts = EmulatorRequests.puts();
            Map<String, StreamCensus.Kind> stream = uncounted(() -> StreamCensus.since(runtime.clients().streams(),
                    runtime.resources().streamArn(), startedAt));
            List<Long> latencies = new ArrayList<>(served.values());
            int emails = (int) emulator.sentEmails().stream().filter(e -> fanOutTitle.equals(e.subject())).count();
            return new Result(clients, seconds, contacts, published.size(), errors.get(), achieved,
                    latencies.isEmpty() ? -1 : LatencyBench.percentile(latencies, 50),
                    latencies.isEmpty() ? -1 : LatencyBench.percentile(latencies, 99), settled,
                    published.size() - served.size(), listsRight, emails, requests, answerBytes, stream, queries,
                    conditions, puts);
        }
    }

    /** Runs on a thread the request count leaves out (what the benchmark itself asks). */
    private static <T> T uncounted(java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> new Thread(r, EmulatorRequests.NOT_COUNTED + "-census"));
        try {
            return one.submit(work).get();
        } finally {
            one.shutdown();
        }
    }

    /**
     * Publishes at a quarter of the burst's pace for 20 s, then waits 10 s for the pipeline to be
     * quiet again: a newsroom's runtime has been up for hours when a crisis comes, where this JVM
     * started a minute ago, and in a fresh JVM the burst's first 20 s were the JIT's (its compiler
     * threads took half the JVM's CPU then, on two cores shared with the emulator).
     */
    private static void warmUp(URI releases, String token) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        long start = System.nanoTime();
        AtomicInteger turns = new AtomicInteger();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                work.add(pool.submit(() -> {
                    for (int n = turns.getAndIncrement(); n < 500; n = turns.getAndIncrement()) {
                        long wait = start + n * 40_000_000L - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000);
                        }
                        create(releases, token, "Warm-up " + n, "Community");
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Thread.sleep(10_000);
    }

    /** The latest list, the site feed and the category page name the twenty newest of the burst. */
    private static boolean listsRight(URI site, List<Published> published) {
        List<Published> newest = published.stream()
                .sorted((a, b) -> Long.compare(b.createdNanos(), a.createdNanos())).limit(20).toList();
        for (String path : List.of("/news/", "/feeds/news.atom", "/news/category/community/")) {
            String body = body(site.resolve(path));
            // Publication times are the server's: the twenty newest by 201 may differ by a few at the edge.
            long found = newest.stream().filter(p -> body.contains(p.title() + "<")
                    || body.contains(p.title() + "]") || body.contains(p.title() + "\"")).count();
            if (found < 15) {
                return false;
            }
        }
        return true;
    }

    private static HttpResponse<String> create(URI releases, String token, String title, String category)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(releases).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title + "\", \"body\": \"A burst release.\", "
                        + "\"category\": \"" + category + "\", \"contact\": {\"name\": \"Press office\", \"phone\": \"0800\"}, "
                        + "\"publish\": true}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A release's folder in the bucket: news/yyyy/mm/slug/ (its page is news/yyyy/mm/slug/index.html). */
    private static String folderOf(String url) {
        return URI.create(url).getPath().substring(1);
    }

    /** The month's folder a release's address is in: news/yyyy/mm/. */
    private static String monthOf(String url) {
        String folder = folderOf(url);
        return folder.substring(0, folder.lastIndexOf('/', folder.length() - 2) + 1);
    }

    private static String body(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * Waits until the stream consumers have read past the contacts just loaded (three items each,
     * all in the table's stream): a press office loads its contacts long before a crisis, and
     * before this wait the burst's first minute carried the reading of 30,000 of their records,
     * some 30 MB of the emulator's answers. Done when the stream's answers fall below 64 kB in a
     * second, twice running (at most two minutes).
     */
    private static void awaitStreamPassed() throws InterruptedException {
        long started = System.nanoTime();
        int quiet = 0;
        EmulatorRequests.reset();
        while (quiet < 2 && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(2)) {
            Thread.sleep(1_000);
            long read = EmulatorRequests.answerBytes().getOrDefault("DynamoDbStreams.GetRecords", 0L);
            EmulatorRequests.reset();
            quiet = read < 64 * 1024 ? quiet + 1 : 0;
        }
        System.out.printf(Locale.UK, "   the stream read past the contacts in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void loadContacts(LocalRuntime runtime, int contacts) throws Exception {
        var repository = new DynamoDbContactRepository(runtime.clients().dynamo(), runtime.resources().tableName());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < contacts; i++) {
                int n = i;
                work.add(pool.submit(() -> repository.create(new MediaContact(UUID.randomUUID().toString(),
                        "reporter" + n + "@outlet" + (n % 50) + ".example", "Reporter " + n, "Outlet", null,
                        Set.of("Appeals"), false, ContactStatus.ACTIVE, "bench", now, now))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
