package newsroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import-contacts FILE}: sends a CSV media list to the API in parts of {@value #PART} rows,
 * printing progress after each part and every rejected row at the end. Against the local stack by
 * default; {@code --api URL --token JWT} for a deployed one. Safe to run again: the import itself
 * is idempotent, so a second run reports every row unchanged.
 */
final class ContactImportCommand {
    static final int PART = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContactImportCommand() {
    }

    static int run(Path file, URI api, String token) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            System.err.println(file + " is empty; the first line must name the columns");
            return 2;
        }
        String header = lines.get(0);
        List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        HttpClient http = HttpClient.newHttpClient();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> rejected = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += PART) {
            int to = Math.min(rows.size(), from + PART);
            String part = header + "\n" + String.join("\n", rows.subList(from, to)) + "\n";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            api.resolve("/contacts/import?rowOffset=" + from))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(part, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("The API refused rows " + (from + 2) + "-" + (to + 1) + ": " + response.statusCode()
                        + " " + response.body());
                return 1;
            }
            JsonNode report = JSON.readTree(response.body());
            created += report.path("created").asInt();
            updated += report.path("updated").asInt();
            unchanged += report.path("unchanged").asInt();
            report.path("rejected").forEach(r -> {
                List<String> problems = new ArrayList<>();
                r.path("errors").forEach(e -> problems.add(e.path("field").asText() + " " + e.path("message").asText()));
                rejected.add("  row " + r.path("row").asLong() + ": " + String.join("; ", problems));
            });
            System.out.printf("%d/%d rows: %d created, %d updated, %d unchanged, %d rejected%n",
                    to, rows.size(), created, updated, unchanged, rejected.size());
        }
        if (!rejected.isEmpty()) {
            System.out.println("Rejected rows (not imported; fix them and run the import again):");
            rejected.forEach(System.out::println);
        }
        return 0;
    }
}
