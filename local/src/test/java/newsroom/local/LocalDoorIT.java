package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local runtime is not an open door: a page on another site cannot reach it through the
 * browser (DNS rebinding: a Host that is not this machine is refused, on the API and the site),
 * and its own pages (the mail sent, with embargoed copies and unsubscribe links; the rebuild)
 * need this run's key or a dev token.
 * Needs: the AWS emulator (started by the harness).
 */
class LocalDoorIT {
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** The status a raw request gets with this Host header (HttpClient will not send a forged Host). */
    private static int statusWithHost(URI server, String path, String host) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void onlyThisMachineByNameIsAnswered() throws IOException {
        URI api = runtime.apiUrl();
        URI site = runtime.siteUrl();
        String mail = "/_local/mail?key=" + runtime.localKey();
        assertEquals(421, statusWithHost(api, mail, "evil.example:" + api.getPort()));
        assertEquals(421, statusWithHost(api, "/releases", "evil.example"));
        assertEquals(421, statusWithHost(site, "/news/", "attacker.example:" + site.getPort()));
        assertEquals(421, statusWithHost(api, mail, "localhost:1"), "another port is another origin");
        assertEquals(200, statusWithHost(api, mail, "localhost:" + api.getPort()));
        assertEquals(200, statusWithHost(api, mail, "127.0.0.1:" + api.getPort()));
    }

    @Test
    void theRuntimesOwnPagesNeedThisRunsKeyOrADevToken() throws IOException {
        assertEquals(401, Http.get(runtime.apiUrl().resolve("/_local/mail")).statusCode());
        assertEquals(401, Http.get(runtime.apiUrl().resolve("/_local/mail.json?key=guess")).statusCode());
        assertEquals(200, Http.get(runtime.apiUrl().resolve("/_local/mail.json?key=" + runtime.localKey()))
                .statusCode());

        var anonymous = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/_local/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, anonymous.statusCode());
        assertFalse(anonymous.body().contains("Rebuilt"), "nothing was rebuilt");
        var developer = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/_local/rebuild"))
                .header("Authorization", "Bearer " + runtime.tokens().issue("dev", List.of("newsroom/editor")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, developer.statusCode(), developer.body());
    }

    /** A newcomer's first look, before anything is published: the site's empty lists, not a 404. */
    @Test
    void aNewSiteShowsItsEmptyListsBeforeTheFirstPublish() {
        var latest = Http.get(runtime.siteUrl().resolve("/news/"));
        assertEquals(200, latest.statusCode());
        org.junit.jupiter.api.Assertions.assertTrue(latest.body().contains("Latest news"), latest.body());
        assertEquals(200, Http.get(runtime.siteUrl().resolve("/feeds/news.atom")).statusCode());
        assertEquals(200, Http.get(runtime.siteUrl().resolve("/news/archive/")).statusCode());
    }
}
