package newsroom.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.service.WebhookAddresses;
import newsroom.service.port.WebhookTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against a real HTTP server on loopback. */
class HttpWebhookTransportTest {
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/target");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aLoopbackAddressIsRefusedBeforeAnyConnectionUnlessAllowed() throws Exception {
        HttpWebhookTransport deployed = new HttpWebhookTransport(WebhookAddresses.system(false));
        assertThrows(WebhookTransport.Refused.class, () -> deployed.post(url("/ok"), Map.of(), "{}"));
        assertEquals(0, hits.get(), "nothing reached the server");
        HttpWebhookTransport local = new HttpWebhookTransport(WebhookAddresses.system(true));
        WebhookTransport.Answer answer = local.post(url("/ok"), Map.of("webhook-id", "msg_1"), "{}");
        assertEquals(204, answer.status());
        assertEquals(1, hits.get());
        assertTrue(answer.latencyMillis() >= 0);
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        HttpWebhookTransport local = new HttpWebhookTransport(WebhookAddresses.system(true));
        assertEquals(302, local.post(url("/moved"), Map.of(), "{}").status());
        assertEquals(0, redirectTargetHits.get());
    }
}
