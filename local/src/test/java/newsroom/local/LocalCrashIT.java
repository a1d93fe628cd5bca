package newsroom.local;

import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.ProjectHome;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.Test;

/**
 * The local runtime keeps the exactly-once promise when it is killed: a separate runtime process
 * (the README's {@code Main run}, against an emulator that keeps running) is killed with SIGKILL at
 * random points while a fan-out goes out, and started again, eight times; at the end every
 * journalist has exactly one email, and the delivery report shows one SES message id each. SES's
 * Send event must not depend on the process that sent, or a kill between the send and its event
 * lets the send happen again once the claim's lease runs out. Needs: the AWS emulator.
 */
class LocalCrashIT {
    private static final int CONTACTS = 600;
    private static final int KILLS = 8;

    /** The README's local runtime, as its own process. */
    private static final class RuntimeProcess {
        private final Process process;

        private RuntimeProcess(Process process) {
            this.process = process;
        }

        static RuntimeProcess start(URI emulator, int apiPort, int sitePort, Path log) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run");
            builder.environment().put("AWS_ENDPOINT_URL", emulator.toString());
            builder.environment().put("NEWSROOM_API_PORT", Integer.toString(apiPort));
            builder.environment().put("NEWSROOM_SITE_PORT", Integer.toString(sitePort));
            // Fast enough that the senders are always mid-send when the kill comes.
            builder.environment().put("NEWSROOM_MAX_SEND_RATE", "60");
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new RuntimeProcess(builder.start());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(URI api) {
        int status = Eventually.await(Duration.ofSeconds(120), () -> {
            try {
                return Http.get(api.resolve("/releases")).statusCode();
            } catch (RuntimeException notYet) {
                return -1;
            }
        }, s -> s == 401);
        assertEquals(401, status, "the restarted runtime answers");
    }

    @Test
    void aRuntimeKilledMidFanOutSendsEachJournalistOneEmail() throws Exception {
        Emulator emulator = SharedEmulator.fresh();
        int apiPort = freePort();
        int sitePort = freePort();
        URI apiUrl = URI.create("http://localhost:" + apiPort);
        Api api = new Api(apiUrl);
        LocalTokens tokens = LocalTokens.fromProjectKey(ProjectHome.stateDir().resolve("dev-signing-key.json"));
        String admin = tokens.issue("admin@example.gov.uk", List.of("newsroom/contacts"));
        String publisher = tokens.issue("desk@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher",
                "newsroom/contacts"));
        Path log = Files.createDirectories(Path.of("target")).resolve("local-crash-runtime.log");
        Files.deleteIfExists(log);
        long seed = System.nanoTime();
        Random random = new Random(seed);

        RuntimeProcess runtime = RuntimeProcess.start(emulator.endpoint(), apiPort, sitePort, log);
        try {
            awaitReady(apiUrl);
            StringBuilder csv = new StringBuilder("email,name,topics\n");
            Set<String> addresses = new HashSet<>();
            for (int i = 0; i < CONTACTS; i++) {
                String address = "reporter" + i + "@crash.example";
                addresses.add(address);
                csv.append(address).append(",Reporter ").append(i).append(",Appeals\n");
            }
            HttpResponse<String> imported = api.send("POST", "/contacts/import", admin, csv.toString(),
                    Map.of("Content-Type", "text/csv"));
            assertEquals(200, imported.statusCode(), imported.body());

            HttpResponse<String> created = api.post("/releases", publisher,
                    release("Appeal after the crash", "Appeals", "\"publish\": true"));
            assertEquals(201, created.statusCode(), created.body());
            String id = json(created).path("id").asText();

            for (int kill = 0; kill < KILLS; kill++) {
                // Anywhere in the fan-out, and once or twice while the runtime is still starting.
                Thread.sleep(300 + random.nextInt(2_500));
                runtime.kill();
                runtime = RuntimeProcess.start(emulator.endpoint(), apiPort, sitePort, log);
                if (random.nextInt(4) != 0) {
                    awaitReady(apiUrl);
                }
            }
            awaitReady(apiUrl);

            // A send that a kill cut off before SES took it goes out once its lease has run out.
            JsonNode counts = Eventually.await(Duration.ofSeconds(180),
                    () -> json(api.get("/releases/" + id + "/deliveries?limit=1", publisher)).path("counts"),
                    c -> c.path("SENT").asInt() == CONTACTS);
            assertEquals(CONTACTS, counts.path("SENT").asInt(), "every journalist was sent it (seed " + seed + "): "
                    + counts);

            Map<String, Integer> emails = new HashMap<>();
            for (SentEmail email : emulator.sentEmails()) {
                if (email.subject().contains("Appeal after the crash")) {
                    email.to().forEach(to -> emails.merge(to, 1, Integer::sum));
                }
            }
            assertEquals(addresses, emails.keySet(), "every journalist, and no one else");
            Map<String, Integer> twice = new HashMap<>();
            emails.forEach((to, n) -> {
                if (n != 1) {
                    twice.put(to, n);
                }
            });
            assertEquals(Map.of(), twice, "journalists emailed more than once (seed " + seed + ", log " + log + ")");

            // The report would show a second email as a second SES message id.
            String cursor = null;
            int items = 0;
            do {
                JsonNode page = json(api.get("/releases/" + id + "/deliveries?limit=100"
                        + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)), publisher));
                for (JsonNode item : page.path("items")) {
                    assertEquals(1, item.path("messageIds").size(), "one SES message id: " + item);
                    items++;
                }
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            assertEquals(CONTACTS, items);
            assertTrue(Files.size(log) > 0);
        } finally {
            runtime.stop();
        }
    }
}
