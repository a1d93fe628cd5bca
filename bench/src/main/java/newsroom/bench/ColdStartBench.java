package newsroom.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import newsroom.aws.StreamImages;
import newsroom.config.EnvVars;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.domain.WebhookEvent;
import newsroom.local.JarProbe;
import newsroom.local.LocalClients;
import newsroom.local.TemplateStack;
import newsroom.local.emulator.Emulator;
import newsroom.service.SharedPages;
import newsroom.service.port.RenderQueue;
import newsroom.sitepublisher.SearchIndexHandler;
import newsroom.sitepublisher.SharedPagesHandler;
import newsroom.sitepublisher.SitePublisherConfig;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.DynamoDbRenderQueue;
import newsroom.store.DynamoDbWebhookRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start proxy: for each function's deployable jar, a fresh JVM (with the Lambda Java
 * runtime's default flags) from process start to the handler's first response, which includes at
 * least one real call to the emulator; the same for two hello-world handlers in the same run.
 * Each jar runs once per round; rounds interleave the jars so that the machine's noise spreads
 * evenly, and the medians are reported.
 */
final class ColdStartBench {
    /** What the Lambda Java 17 runtime starts the JVM with, by default. */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final String RELEASE_ID = "2f1c6b0e-5d4a-4c1e-9a57-3d2b8f0e6a01";
    private static final String CONTACT_ID = "7d9e2c41-1b3f-4e8a-a0c2-5f6b7c8d9e01";
    /** The endpoint and delivery the webhook sender's sample names; each round has a delivery of its own. */
    private static final String ENDPOINT_ID = "4b2d7c10-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
    private static final String DELIVERY_ID = "msg_20261130090000000_3f0a2b9c4d5e6f708192";

    /**
     * One jar and what to give its handler; {@code expect} is part of a correct response. A
     * baseline is a hello-world handler, not a function: it is not primed.
     */
    record Target(String name, Path jar, String handler, String event, String expect, boolean baseline) {
    }

    /**
     * Medians over the rounds for one jar: a plain cold start (total, init, invoke), and one primed
     * as for a SnapStart snapshot (the priming time, and the invoke after it); NaN for hello-world.
     */
    record Result(Target target, long jarBytes, double totalMillis, double initMillis, double invokeMillis,
                  double primeMillis, double primedInvokeMillis, String lastResponse) {
    }

    private ColdStartBench() {
    }

    static final String CRT = "hello-world + one DynamoDB read, CRT client";
    static final String STREAM = "hello-world + one DynamoDB read, taking the event's bytes";
    static final String SHARED_PAGES = "shared-pages (site-publisher jar)";
    static final String SEARCH_INDEX = "search-index (site-publisher jar)";

    static List<Target> targets(Path home) {
        Path functions = home.resolve("functions");
        Path hello = home.resolve("bench/hello-world/target/hello-world-lambda.jar");
        return List.of(
                new Target("hello-world (answers only)", hello, "hello.HelloHandler", "{}", "\"hello\"", true),
                new Target("hello-world + one DynamoDB read", hello, "hello.HelloDynamoDbHandler", "{}", "hello, ",
                        true),
                // The same read, the event not mapped by the runtime: as the functions' entry points take it.
                new Target(STREAM, hello, "hello.HelloDynamoDbStreamHandler", "{}", "hello, ", true),
                // The same read through the AWS CRT HTTP client: which client the functions should use.
                new Target(CRT, home.resolve("bench/hello-world-crt/target/hello-world-crt-lambda.jar"),
                        "hello.HelloDynamoDbCrtHandler", "{}", "hello, ", true),
                function(functions, "releases-api", "newsroom.api.ReleasesApiEntry",
                        "releases-api/list-releases.json", "\"statusCode\":200"),
                function(functions, "site-publisher", "newsroom.sitepublisher.SitePublisherEntry",
                        "site-publisher/release-published.json", "\"batchItemFailures\":[]"),
                function(functions, "media-notifier", "newsroom.notifier.MediaNotifierEntry",
                        "media-notifier/release-published.json", "\"batchItemFailures\":[]"),
                function(functions, "mail-sender", "newsroom.mailsender.MailSenderEntry",
                        "mail-sender/mail-jobs.json", "\"batchItemFailures\":[]"),
                function(functions, "embargo-sweeper", "newsroom.sweeper.EmbargoSweeperEntry",
                        "embargo-sweeper/every-minute.json", "\"published\":0"),
                function(functions, "site-rebuilder", "newsroom.rebuilder.SiteRebuilderEntry",
                        "site-rebuilder/rebuild.json", "\"releases\":1"),
                function(functions, "ses-feedback", "newsroom.feedback.SesFeedbackEntry",
                        "ses-feedback/send.json", "\"batchItemFailures\":[]"),
                function(functions, "cdn-invalidator", "newsroom.invalidator.CdnInvalidatorEntry",
                        "cdn-invalidator/changed-paths.json", "\"batchItemFailures\":[]"),
                function(functions, "webhook-sender", "newsroom.webhooks.WebhookSenderEntry",
                        "webhook-sender/attempt.json", "\"batchItemFailures\":[]"),
                // The shared pages' renderer: the site publisher's jar, its other handler.
                new Target(SHARED_PAGES, functions.resolve("site-publisher/target/site-publisher-lambda.jar"),
                        "newsroom.sitepublisher.SharedPagesEntry", "events/site-publisher/shared-pages-nudge.json",
                        "\"batchItemFailures\":[]", false),
                // The search index's writer: the same jar, its third handler.
                new Target(SEARCH_INDEX, functions.resolve("site-publisher/target/site-publisher-lambda.jar"),
                        "newsroom.sitepublisher.SearchIndexEntry", "events/site-publisher/shared-pages-nudge.json",
                        "\"batchItemFailures\":[]", false));
    }

    /**
     * The targets named (comma-separated names or their beginnings; the one-read baseline always
     * and the one that only answers always kept, as the ratios are to them), or all of them: a quicker run while working on one function.
     */
    static List<Target> chosen(List<Target> all, String names) {
        if (names.isBlank()) {
            return all;
        }
        List<String> wanted = java.util.Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return all.stream().filter(t -> all.indexOf(t) < 2 || wanted.stream().anyMatch(n -> t.name().startsWith(n))).toList();
    }

    private static Target function(Path functions, String name, String handler, String event, String expect) {
        return new Target(name, functions.resolve(name).resolve("target").resolve(name + "-lambda.jar"), handler,
                "events/" + event, expect, false);
    }

    static List<Result> measure(Emulator emulator, Path home, Path work, int rounds) throws IOException,
            InterruptedException {
        emulator.reset();
        Map<String, String> env;
        // The webhook sender's endpoint: it answers every delivery at once, and counts them.
        AtomicInteger hooks = new AtomicInteger();
        HttpServer receiver = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hooks.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalClients clients = LocalClients.forEndpoint(emulator.endpoint())) {
            TemplateStack.Deployed resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
            seed(clients, resources, home, 2 * rounds + 2, "http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook");
            env = environment(emulator, resources);
            env.put("WEBHOOK_QUEUE_URL", TemplateStack.environment(clients, resources, "WebhookSenderFunction")
                    .get("WEBHOOK_QUEUE_URL"));
            // A run's delivery is stored just before the run: one stored earlier would be due for the
            // embargo sweeper's retry sweep, and the sweeper's runs would measure queueing it.
            var webhooks = new DynamoDbWebhookRepository(clients.dynamo(), resources.tableName());
            IntConsumer delivery = run -> {
                Instant now = Instant.now();
                webhooks.createDelivery(new WebhookDelivery(ENDPOINT_ID, deliveryId(run),
                        WebhookEvent.PUBLISHED.wireName(), RELEASE_ID, "{\"type\":\"" + WebhookEvent.PUBLISHED.wireName()
                        + "\",\"data\":{\"id\":\"" + RELEASE_ID + "\"}}", WebhookDelivery.Status.PENDING, 0, null, null,
                        null, null, now, now), now.plusSeconds(86_400));
            };
            RenderedLists lists = new RenderedLists(clients, env);
            Hooks around = new Hooks() {
                @Override
                public void before(Target target, int run) {
                    if (target.name().equals("webhook-sender")) {
                        delivery.accept(run);
                    }
                    if (target.name().equals(SHARED_PAGES)) {
                        lists.markOnePublish(RELEASE_ID);
                    }
                    if (target.name().equals(SEARCH_INDEX)) {
                        lists.markNewReleaseForSearch(RELEASE_ID, run);
                    }
                }

                @Override
                public void after(Target target, int run) {
                    if (target.name().equals("site-rebuilder")) {
                        lists.renderMarked(run > 1);
                    }
                    if (target.name().equals(SEARCH_INDEX)) {
                        lists.forgetNewRelease(RELEASE_ID, run);
                    }
                }
            };
            List<Result> results = measure(home, work, rounds, env, around);
            REBUILT_LISTS_MILLIS.set(lists.medianMillis());
            // Every run of the webhook sender (plain and primed, warm-up round included) delivered one.
            boolean sentHooks = results.stream().anyMatch(r -> r.target().name().equals("webhook-sender"));
            if (sentHooks && hooks.get() < 2 * (rounds + 1)) {
                throw new IllegalStateException("the webhook sender delivered " + hooks.get() + " of "
                        + 2 * (rounds + 1) + " webhooks");
            }
            return results;
        } finally {
            receiver.stop(0);
        }
    }

    /** What the bench does around a run: what it seeds before, and what it finishes after. */
    interface Hooks {
        void before(Target target, int run);

        void after(Target target, int run);
    }

    /**
     * The lists a run of the rebuilder left marked, rendered by the shared pages' function as it
     * runs warm beside a working site (in this process, the real handler): the rest of a rebuild,
     * timed apart from the rebuilder's cold start (the search index it marked is built again by its
     * own writer, untimed, so that the next runs start from one publish's marks). And the marks one
     * publish of the sample makes, set before each run of the shared pages' and search index's
     * functions so that every run does the same.
     */
    static final class RenderedLists {
        private final SharedPagesHandler renderer;
        private final SearchIndexHandler indexer;
        private final LocalClients clients;
        private final String table;
        private final RenderQueue queue;
        private final RenderQueue searchQueue;
        private final DynamoDbReleaseRepository releases;
        private final ZoneId zone;
        private final List<Double> millis = new ArrayList<>();

        RenderedLists(LocalClients clients, Map<String, String> env) {
            var config = SitePublisherConfig.from(EnvVars.from(env));
            this.clients = clients;
            this.table = config.tableName();
            this.renderer = new SharedPagesHandler(config, clients.dynamo(), clients.s3(),
                    clients.sqs(), Clock.systemUTC());
            this.indexer = new SearchIndexHandler(config, clients.dynamo(), clients.s3(), clients.sqs(), Clock.systemUTC());
            this.queue = new DynamoDbRenderQueue(clients.dynamo(), config.recordsTable());
            this.searchQueue = new DynamoDbRenderQueue(clients.dynamo(), config.recordsTable(),
                    DynamoDbRenderQueue.SEARCH);
            this.zone = config.zone();
            this.releases = new DynamoDbReleaseRepository(clients.dynamo(), config.tableName(), zone);
        }

        void markOnePublish(String releaseId) {
            var release = releases.find(releaseId).orElseThrow();
            queue.markDirty(List.of(SharedPages.LATEST,
                    SharedPages.monthAt(YearMonth.from(release.publishedAt().atZone(zone)),
                            release.publishedAt()),
                    SharedPages.category(release.category())));
        }

        /**
         * A new release for the search index, as a publish leaves it: the sample under a new id (so
         * every one of its words gains a release: the recent file names it, or a fold writes every
         * postings file and dictionary of them anew), marked for the index's writer.
         */
        void markNewReleaseForSearch(String sampleId, int run) {
            String id = newId(sampleId, run);
            var sample = clients.dynamo().getItem(g -> g.tableName(table).key(Map.of(
                    "PK", AttributeValue.fromS("RELEASE#" + sampleId), "SK", AttributeValue.fromS("RELEASE")))).item();
            Map<String, AttributeValue> copy = new HashMap<>();
            sample.forEach((name, value) -> copy.put(name, value.s() != null && value.s().contains(sampleId)
                    ? AttributeValue.fromS(value.s().replace(sampleId, id)) : value));
            copy.put("slug", AttributeValue.fromS(sample.get("slug").s() + "-" + run));
            clients.dynamo().putItem(p -> p.tableName(table).item(copy));
            searchQueue.markDirty(List.of(SharedPages.search(id)));
        }

        /** Takes that release out of the table again, so that the other rows see the one sample release. */
        void forgetNewRelease(String sampleId, int run) {
            clients.dynamo().deleteItem(d -> d.tableName(table).key(Map.of(
                    "PK", AttributeValue.fromS("RELEASE#" + newId(sampleId, run)), "SK", AttributeValue.fromS("RELEASE"))));
        }

        private static String newId(String sampleId, int run) {
            return sampleId.substring(0, sampleId.length() - 4) + String.format("%04d", run);
        }

        void renderMarked(boolean counted) {
            if (queue.dirty().isEmpty()) {
                return; // the rebuilder rendered its lists itself
            }
            var message = new SQSEvent.SQSMessage();
            message.setMessageId("bench");
            message.setBody("{\"render\": \"marked\"}");
            var event = new SQSEvent();
            event.setRecords(List.of(message));
            long start = System.nanoTime();
            var response = renderer.handleRequest(event, null);
            double took = (System.nanoTime() - start) / 1e6;
            if (!response.getBatchItemFailures().isEmpty() || !queue.dirty().isEmpty()) {
                throw new IllegalStateException("the shared pages' function left the rebuild's lists unrendered");
            }
            if (!indexer.handleRequest(event, null).getBatchItemFailures().isEmpty() || !searchQueue.dirty().isEmpty()) {
                throw new IllegalStateException("the search index's function left the rebuild's index unbuilt");
            }
            if (counted) {
                millis.add(took);
            }
        }

        double medianMillis() {
            return millis.isEmpty() ? Double.NaN : median(millis.stream().map(m -> new double[] {m}).toList(), 0);
        }
    }

    /** The median time the shared pages' function took, warm, to render a rebuild's lists (NaN: none were left). */
    static final AtomicReference<Double> REBUILT_LISTS_MILLIS =
            new AtomicReference<>(Double.NaN);

    private static List<Result> measure(Path home, Path work, int rounds, Map<String, String> env, Hooks hooks)
            throws IOException, InterruptedException {
        Path probeDir = JarProbe.install(work.resolve("coldstart").resolve("probe"));
        Path serialization = home.resolve("bench/target/coldstart/aws-lambda-java-serialization.jar");
        if (!Files.isRegularFile(serialization)) {
            throw new IllegalStateException(serialization + " is missing: run `mvn -B -DskipTests package` first");
        }
        List<Target> targets = chosen(targets(home), System.getProperty("bench.coldStartTargets", ""));
        Map<Target, List<double[]>> samples = new LinkedHashMap<>();
        Map<Target, List<double[]>> primed = new LinkedHashMap<>();
        for (Target target : targets) {
            if (!Files.isRegularFile(target.jar())) {
                throw new IllegalStateException(target.jar() + " is missing: run `mvn -B -DskipTests package` first");
            }
            samples.put(target, new ArrayList<>());
            primed.put(target, new ArrayList<>());
        }
        // Round 0 warms the file cache and is not counted.
        for (int round = 0; round <= rounds; round++) {
            for (Target target : targets) {
                hooks.before(target, 2 * round);
                Path event = eventFor(target, home, work.resolve("coldstart"), 2 * round);
                double[] sample = run(target, probeDir, serialization, event, env, work.resolve("coldstart"), false);
                hooks.after(target, 2 * round);
                if (round > 0) {
                    samples.get(target).add(sample);
                }
                if (!target.baseline()) {
                    hooks.before(target, 2 * round + 1);
                    event = eventFor(target, home, work.resolve("coldstart"), 2 * round + 1);
                    sample = run(target, probeDir, serialization, event, env, work.resolve("coldstart"), true);
                    hooks.after(target, 2 * round + 1);
                    if (round > 0) {
                        primed.get(target).add(sample);
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (var entry : samples.entrySet()) {
            List<double[]> runs = entry.getValue();
            List<double[]> primedRuns = primed.get(entry.getKey());
            results.add(new Result(entry.getKey(), Files.size(entry.getKey().jar()), median(runs, 0), median(runs, 1),
                    median(runs, 3), primedRuns.isEmpty() ? Double.NaN : median(primedRuns, 2),
                    primedRuns.isEmpty() ? Double.NaN : median(primedRuns, 3), LAST_RESPONSE.get(entry.getKey())));
        }
        return results;
    }

    /**
     * The release the samples name, a contact per round for the mail sender (so that every round
     * really sends, instead of finding the email already sent), and the contact the SES sample names.
     */
    private static void seed(LocalClients clients, TemplateStack.Deployed resources, Path home, int contacts,
                             String hookUrl) throws IOException {
        DynamodbEvent published;
        try (InputStream in = Files.newInputStream(home.resolve("events/site-publisher/release-published.json"))) {
            published = LambdaEventSerializers.serializerFor(DynamodbEvent.class, ColdStartBench.class.getClassLoader())
                    .fromJson(in);
        }
        var image = StreamImages.toSdk(published.getRecords().get(0).getDynamodb().getNewImage());
        clients.dynamo().putItem(p -> p.tableName(resources.tableName()).item(image));
        new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), RebuildBench.ZONE)
                .recordMonth(YearMonth.of(2019, 10));
        var repository = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        Instant now = Instant.now();
        for (int i = 0; i < contacts; i++) {
            repository.create(new MediaContact(contactId(i), "desk" + i + "@daily.example", "Desk " + i, "Daily", null,
                    Set.of("*"), false, ContactStatus.ACTIVE, "bench", now, now));
        }
        repository.create(new MediaContact("c0ffee00-0000-4000-8000-000000000001", "crime.desk@daily.example",
                "Crime desk", "Daily", null, Set.of("Crime Operations"), false, ContactStatus.ACTIVE, "bench", now, now));
        // Told of withdrawals only: the media notifier's sample, a publication, queues nothing for it, so
        // the notifier's runs measure what they did before the webhook sender had a run of its own.
        new DynamoDbWebhookRepository(clients.dynamo(), resources.tableName()).create(new WebhookEndpoint(ENDPOINT_ID,
                hookUrl, Set.of(WebhookEvent.WITHDRAWN), false, "bench",
                "whsec_" + Base64.getEncoder().encodeToString(new byte[24]), null, null, true, null, null,
                now, now, 1));
    }

    private static String deliveryId(int round) {
        return round == 0 ? DELIVERY_ID : String.format("msg_20261130090000000_%020d", round);
    }

    private static String contactId(int round) {
        return round == 0 ? CONTACT_ID : String.format("7d9e2c41-0000-4000-8000-%012d", round);
    }

    private static Path eventFor(Target target, Path home, Path dir, int round) throws IOException {
        Files.createDirectories(dir);
        Path event = dir.resolve(target.name().replaceAll("[^a-z-]", "_") + "-event.json");
        String json = target.event().startsWith("events/") ? Files.readString(home.resolve(target.event()))
                : target.event();
        if (target.name().equals("mail-sender")) {
            json = json.replace(CONTACT_ID, contactId(round));
        }
        if (target.name().equals("webhook-sender")) {
            json = json.replace(DELIVERY_ID, deliveryId(round));
        }
        Files.writeString(event, json);
        return event;
    }

    private static Map<String, String> environment(Emulator emulator, TemplateStack.Deployed resources) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", LocalClients.REGION.id());
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("TABLE_NAME", resources.tableName());
        env.put("RECORDS_TABLE_NAME", resources.recordsTableName());
        env.put("SITE_BUCKET", resources.siteBucket());
        env.put("UPLOAD_BUCKET", resources.uploadBucket());
        env.put("SITE_BASE_URL", "https://news.example");
        env.put("API_BASE_URL", "https://api.example");
        env.put("MAIL_QUEUE_URL", resources.mailQueueUrl());
        env.put("MAIL_FROM", resources.mailFrom());
        env.put("TOKEN_SIGNING_SECRET", resources.tokenSigningSecret());
        env.put("DISTRIBUTION_ID", resources.distributionId());
        env.put("INVALIDATION_QUEUE_URL", resources.invalidationQueueUrl());
        env.put("SHARED_PAGES_QUEUE_URL", resources.sharedPagesQueueUrl());
        env.put("SEARCH_INDEX_QUEUE_URL", resources.searchIndexQueueUrl());
        // The bench's receiver is on this machine's loopback, which a deployed sender refuses.
        env.put("WEBHOOKS_ALLOW_LOOPBACK", "true");
        return env;
    }

    /** One cold start: {total, init, prime, invoke} in milliseconds. */
    /** Each target's last response, for the report to say what a first request did. */
    private static final Map<Target, String> LAST_RESPONSE = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[] run(Target target, Path probe, Path serialization, Path event, Map<String, String> env,
                                Path logs, boolean prime) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        // e.g. -Dbench.coldStartJvmArgs=-agentpath:/path/libasyncProfiler.so=start,file=/tmp/cs-%p.txt,collapsed
        String extra = System.getProperty("bench.coldStartJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, target.jar().toString(), probe.toString(),
                serialization.toString()));
        command.add(JarProbe.class.getName());
        command.add(target.handler());
        command.add(event.toString());
        if (prime) {
            command.add("prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path log = logs.resolve(target.name().replaceAll("[^a-z-]", "_") + ".log");
        builder.redirectError(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        double init = Double.NaN;
        double primeMillis = Double.NaN;
        double invoke = Double.NaN;
        String response = null;
        long answered = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    answered = System.nanoTime();
                    response = line.substring("RESPONSE ".length());
                } else if (line.startsWith("INIT_MS ")) {
                    init = Double.parseDouble(line.substring(8));
                } else if (line.startsWith("PRIME_MS ")) {
                    primeMillis = Double.parseDouble(line.substring(9));
                } else if (line.startsWith("INVOKE_MS ")) {
                    invoke = Double.parseDouble(line.substring(10));
                }
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (response == null || !response.contains(target.expect())) {
            throw new IllegalStateException(target.name() + " did not answer as expected (" + response + "); see "
                    + log + ":\n" + tail(log));
        }
        LAST_RESPONSE.put(target, response);
        return new double[] {(answered - start) / 1e6, init, primeMillis, invoke};
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
