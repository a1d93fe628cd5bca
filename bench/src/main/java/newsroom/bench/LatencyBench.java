package newsroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;

/**
 * Publish latency through the local runtime, as a press officer and a journalist feel it: from the
 * API's 201 to the page being served by the local site, and to the first email in SES's list.
 */
final class LatencyBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Milliseconds per publish, to the page and to the first email. */
    record Latencies(List<Long> toPage, List<Long> toEmail) {
    }

    private LatencyBench() {
    }

    static Latencies measure(Emulator emulator, int publishes) throws Exception {
        emulator.reset();
        LocalTokens tokens = LocalTokens.throwaway();
        try (LocalRuntime runtime = LocalRuntime.start(emulator, LocalRuntime.Options.defaults().withPorts(0, 0), tokens)) {
            String publisher = tokens.issue("bench", List.of("newsroom/publisher"));
            String admin = tokens.issue("bench", List.of("newsroom/contacts"));
            post(runtime.apiUrl().resolve("/contacts"), admin,
                    "{\"email\": \"desk@bench.example\", \"name\": \"Desk\", \"topics\": [\"*\"]}");
            List<Long> toPage = new ArrayList<>();
            List<Long> toEmail = new ArrayList<>();
            for (int i = 0; i < publishes; i++) {
                String title = "Latency release " + i;
                HttpResponse<String> created = post(runtime.apiUrl().resolve("/releases"), publisher,
                        "{\"title\": \"" + title + "\", \"body\": \"Body " + i + "\", \"category\": \"Appeals\", "
                                + "\"contact\": {\"name\": \"Press office\", \"phone\": \"0800\"}, \"publish\": true}");
                long start = System.nanoTime();
                String url = created.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
                long page = -1;
                long email = -1;
                long deadline = start + Duration.ofSeconds(30).toNanos();
                while ((page < 0 || email < 0) && System.nanoTime() < deadline) {
                    if (page < 0 && HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        page = (System.nanoTime() - start) / 1_000_000;
                    }
                    if (email < 0 && emulator.sentEmails().stream().anyMatch(e -> title.equals(e.subject()))) {
                        email = (System.nanoTime() - start) / 1_000_000;
                    }
                    Thread.sleep(10);
                }
                toPage.add(page);
                toEmail.add(email);
            }
            return new Latencies(toPage, toEmail);
        }
    }

    static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static HttpResponse<String> post(URI uri, String token, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
