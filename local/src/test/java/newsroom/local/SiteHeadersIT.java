package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The site answers like a hardened origin: every response (pages, assets, the 404) carries the
 * security headers of the distribution's response headers policy in template.yaml.
 * Needs: the AWS emulator (started by the harness).
 */
class SiteHeadersIT {
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws IOException {
        runtime = LocalStack.start(SharedEmulator.fresh());
        String publisher = runtime.tokens().issue("officer@example.gov.uk", List.of("newsroom/publisher"));
        Http.postJson(runtime.apiUrl().resolve("/releases"), publisher, EndToEndIT.fixture());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : List.of("/news/", "/robots.txt", "/no/such/page")) {
            HttpResponse<String> response = Eventually.await(Duration.ofSeconds(15),
                    () -> Http.get(runtime.siteUrl().resolve(path)), r -> r.statusCode() != 500);
            var headers = response.headers();
            assertEquals("max-age=63072000; includeSubDomains",
                    headers.firstValue("Strict-Transport-Security").orElse(""), path);
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("strict-origin-when-cross-origin", headers.firstValue("Referrer-Policy").orElse(""), path);
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
        }
    }
}
