package newsroom.local;

import static newsroom.local.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.service.SignedTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The media list: the admin's CRUD and CSV import, and the public's double opt-in subscription and
 * signed unsubscribe links. Needs: the AWS emulator (started by the harness).
 */
class ContactsIT {
    private static LocalRuntime runtime;
    private static Api api;
    private static String admin;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        admin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> csv(String body, String rowOffset) {
        return api.send("POST", "/contacts/import" + (rowOffset == null ? "" : "?rowOffset=" + rowOffset), admin, body,
                Map.of("Content-Type", "text/csv"));
    }

    @Test
    void theAdminManagesContacts() {
        HttpResponse<String> created = api.post("/contacts", admin, "{\"email\": \"Crime.Desk@Daily.example\", "
                + "\"name\": \"Crime desk\", \"outlet\": \"The Daily\", \"role\": \"Crime reporter\", "
                + "\"topics\": [\"Crime Operations\"], \"embargoAccess\": true}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode contact = json(created);
        String id = contact.path("id").asText();
        assertEquals("crime.desk@daily.example", contact.path("email").asText());
        assertEquals("added by the press office", contact.path("consentSource").asText());
        assertTrue(contact.path("consentAt").isTextual());

        String newsDesk = "{\"email\": \"news@daily.example\", \"name\": \"News desk\", \"topics\": [\"*\"], "
                + "\"embargoAccess\": false}";
        assertEquals(428, api.send("PUT", "/contacts/" + id, admin, newsDesk, Map.of()).statusCode(),
                "a change names the version it was based on, like a release's");
        HttpResponse<String> changed = api.send("PUT", "/contacts/" + id, admin, newsDesk,
                Map.of("If-Match", Api.etag(created)));
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("\"2\"", Api.etag(changed));
        assertEquals(412, api.send("PUT", "/contacts/" + id, admin, newsDesk, Map.of("If-Match", Api.etag(created)))
                .statusCode(), "a change based on an older version is refused");
        assertEquals(List.of("*"), List.of(json(changed).path("topics").get(0).asText()));
        assertEquals(409, api.post("/contacts", admin, "{\"email\": \"NEWS@daily.example\", \"name\": \"x\", "
                + "\"topics\": [\"*\"]}").statusCode(), "the new address is claimed");
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"crime.desk@daily.example\", \"name\": \"x\", "
                + "\"topics\": [\"*\"]}").statusCode(), "the old address is free again");

        assertEquals(200, api.get("/contacts/" + id, admin).statusCode());
        assertEquals(204, api.send("DELETE", "/contacts/" + id, admin, null, Map.of()).statusCode());
        assertEquals(404, api.get("/contacts/" + id, admin).statusCode());
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"news@daily.example\", \"name\": \"x\", "
                + "\"topics\": [\"*\"]}").statusCode(), "a deleted contact's address is free");
    }

    @Test
    void aCsvMediaListImportsItsGoodRowsMergesDuplicatesAndIsSafeToRunAgain() {
        String file = """
                email,name,outlet,role,topics,embargoAccess,consentSource
                ann@paper.example,Ann,The Paper,Crime,Crime Operations,true,signed form 2026-01
                bob@radio.example,Bob,Radio,,Appeals;Road Safety,false,
                ANN@paper.example,Ann,The Paper,Crime,Appeals,,
                not-an-address,Cat,,,Appeals,,
                dan@tv.example,,TV,,Gardening,maybe,
                eve@wire.example,Eve,Wire,,*,,
                """;
        HttpResponse<String> first = csv(file, null);
        assertEquals(200, first.statusCode(), first.body());
        JsonNode report = json(first);
        assertEquals(6, report.path("rows").asInt());
        assertEquals(3, report.path("created").asInt(), "ann (merged), bob, eve");
        Set<Integer> badRows = new HashSet<>();
        report.path("rejected").forEach(r -> badRows.add(r.path("row").asInt()));
        assertEquals(Set.of(5, 6), badRows, "rows 5 and 6 of the file (the header is row 1)");
        JsonNode dan = report.path("rejected").get(1).path("errors");
        Set<String> danFields = new HashSet<>();
        dan.forEach(e -> danFields.add(e.path("field").asText()));
        assertEquals(Set.of("embargoAccess"), danFields, "the first problem found in the row");

        JsonNode list = json(api.get("/contacts?limit=100", admin));
        JsonNode ann = null;
        for (JsonNode c : list.path("items")) {
            if (c.path("email").asText().equals("ann@paper.example")) {
                ann = c;
            }
        }
        assertEquals(Set.of("Appeals", "Crime Operations"), Set.of(ann.path("topics").get(0).asText(),
                ann.path("topics").get(1).asText()), "duplicates merge their topics");
        assertEquals("signed form 2026-01", ann.path("consentSource").asText());

        JsonNode again = json(csv(file, null));
        assertEquals(0, again.path("created").asInt());
        assertEquals(0, again.path("updated").asInt());
        assertEquals(3, again.path("unchanged").asInt(), "a second run changes nothing");

        JsonNode part = json(csv("email,name,topics\nzed@paper.example,Zed,Appeals\nbad,,\n", "1000"));
        assertEquals(1003, part.path("rejected").get(0).path("row").asInt(), "rows are numbered as in the whole file");

        HttpResponse<String> badHeader = csv("mail,name\nx@y.example,X\n", null);
        assertEquals(400, badHeader.statusCode());
        assertEquals(415, api.send("POST", "/contacts/import", admin, "email,name", Map.of()).statusCode());
    }

    @Test
    void theImportCommandSendsALargeFileInPartsAndShowsProgress() throws Exception {
        StringBuilder file = new StringBuilder("email,name,outlet,topics\n");
        for (int i = 1; i <= 1200; i++) {
            file.append(i % 120 == 0 ? "broken-address-" + i : "journalist" + i + "@outlet.example")
                    .append(",Journalist ").append(i).append(",Outlet,").append(i % 2 == 0 ? "Appeals" : "*").append('\n');
        }
        Path csv = Files.createTempFile("media-list", ".csv");
        Files.writeString(csv, file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ContactImportCommand.run(csv, runtime.apiUrl(), admin);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("500/1200 rows: 496 created"), printed);
        assertTrue(printed.contains("1200/1200 rows: 1190 created, 0 updated, 0 unchanged, 10 rejected"), printed);
        assertTrue(printed.contains("  row 121: email must be an email address"), "rows numbered as in the file: " + printed);
        assertTrue(printed.contains("  row 1201: email must be an email address"), printed);

        out.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ContactImportCommand.run(csv, runtime.apiUrl(), admin);
        } finally {
            System.setOut(original);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .contains("1200/1200 rows: 0 created, 0 updated, 1190 unchanged, 10 rejected"), "safe to run again");
    }

    @Test
    void doubleOptInSendsNothingButTheConfirmationUntilConfirmed() {
        String email = "reader@blog.example";
        HttpResponse<String> subscribed = api.post("/subscriptions", null,
                "{\"email\": \"Reader@Blog.example\", \"name\": \"Reader\", \"topics\": [\"Appeals\"]}");
        assertEquals(202, subscribed.statusCode(), subscribed.body());
        SentEmail confirmation = Eventually.await(Duration.ofSeconds(5),
                () -> SharedEmulator.get().sentEmails().stream().filter(e -> e.to().contains(email)).findFirst().orElse(null),
                e -> e != null);
        assertTrue(confirmation.subject().startsWith("Confirm your subscription"));
        assertTrue(api.get("/contacts?limit=100", admin).body().indexOf(email) < 0, "not on the list until confirmed");

        String link = confirmation.text().replaceAll("(?s).*(http://\\S+/subscriptions/confirm\\?token=\\S+).*", "$1");
        HttpResponse<String> page = Http.get(URI.create(link));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""), "following the link only shows a button");
        assertTrue(api.get("/contacts?limit=100", admin).body().indexOf(email) < 0);
        HttpResponse<String> confirmed = Http.send(HttpRequest.newBuilder(URI.create(link))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, confirmed.statusCode());
        JsonNode contact = null;
        for (JsonNode c : json(api.get("/contacts?limit=100", admin)).path("items")) {
            if (c.path("email").asText().equals(email)) {
                contact = c;
            }
        }
        assertEquals("ACTIVE", contact.path("status").asText());
        assertEquals("double opt-in (subscription form)", contact.path("consentSource").asText());

        String tampered = link.substring(0, link.length() - 3) + "xyz";
        assertEquals(400, Http.get(URI.create(tampered)).statusCode(), "an altered link is refused");
    }

    @Test
    void signedUnsubscribeLinksWorkInOneClickAndForgedOnesDoNot() {
        String id = json(api.post("/contacts", admin,
                "{\"email\": \"leaver@paper.example\", \"name\": \"Leaver\", \"topics\": [\"*\"]}")).path("id").asText();
        var tokens = new SignedTokens(runtime.signingKeys(), Clock.systemUTC());
        String forged = new SignedTokens("someone-elses-key-that-is-long-enough!!", Clock.systemUTC())
                .unsubscribe(id);
        HttpResponse<String> refused = api.send("POST", "/unsubscribe?token=" + forged, null, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(400, refused.statusCode());
        assertEquals("ACTIVE", json(api.get("/contacts/" + id, admin)).path("status").asText());

        HttpResponse<String> page = api.get("/unsubscribe?token=" + tokens.unsubscribe(id), null);
        assertEquals(200, page.statusCode());
        assertEquals("ACTIVE", json(api.get("/contacts/" + id, admin)).path("status").asText(), "a GET changes nothing");

        HttpResponse<String> oneClick = api.send("POST", "/unsubscribe?token=" + tokens.unsubscribe(id), null,
                "List-Unsubscribe=One-Click", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, oneClick.statusCode());
        assertEquals("UNSUBSCRIBED", json(api.get("/contacts/" + id, admin)).path("status").asText());
    }

    /** An edit made from a read before the contact unsubscribed cannot undo the unsubscribe. */
    @Test
    void anEditBasedOnAReadBeforeAnUnsubscribeIsRefused() {
        HttpResponse<String> created = api.post("/contacts", admin,
                "{\"email\": \"racer@paper.example\", \"name\": \"Racer\", \"topics\": [\"*\"]}");
        String id = json(created).path("id").asText();
        var tokens = new SignedTokens(runtime.signingKeys(), Clock.systemUTC());
        assertEquals(200, api.send("POST", "/unsubscribe?token=" + tokens.unsubscribe(id), null,
                "List-Unsubscribe=One-Click", Map.of("Content-Type", "application/x-www-form-urlencoded")).statusCode());
        HttpResponse<String> stale = api.send("PUT", "/contacts/" + id, admin, "{\"email\": \"racer@paper.example\", "
                + "\"name\": \"Racer Renamed\", \"topics\": [\"*\"]}", Map.of("If-Match", Api.etag(created)));
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals("/problems/precondition-failed", json(stale).path("type").asText());
        JsonNode now = json(api.get("/contacts/" + id, admin));
        assertEquals("UNSUBSCRIBED", now.path("status").asText());
        assertEquals("Racer", now.path("name").asText());
    }
}
