package newsroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsSettingsTest {

    /**
     * With SnapStart, Lambda sets no access-key variables and serves the role's credentials from
     * a container endpoint instead; the functions must find them there.
     */
    @Test
    void credentialsComeFromTheContainerEndpointWhenNoKeysAreSet() throws Exception {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> authorization = new AtomicReference<>();
        endpoint.createContext("/credentials", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"AKIDFROMCONTAINER\",\"SecretAccessKey\":\"secret\","
                    + "\"Token\":\"session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials");
        System.setProperty("aws.containerAuthorizationToken", "lambda-token");
        try {
            String keyId = AwsSettings.from(EnvVars.from(Map.of())).credentials().resolveCredentials().accessKeyId();
            if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
                assertEquals(System.getenv("AWS_ACCESS_KEY_ID"), keyId, "access-key variables, when set, come first");
            } else {
                assertEquals("AKIDFROMCONTAINER", keyId);
                assertEquals("lambda-token", authorization.get());
            }
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
    }

    /**
     * The container provider is built when first asked, not with the settings: building it costs
     * a cold start time, and with keys in the environment it is never asked.
     */
    @Test
    void theContainerProviderIsBuiltOnlyWhenFirstAskedAndThenKept() {
        AtomicInteger built = new AtomicInteger();
        AwsSettings.OnFirstUse provider = new AwsSettings.OnFirstUse(() -> {
            built.incrementAndGet();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLATER", "secret"));
        });
        assertEquals(0, built.get(), "nothing built before it is asked");

        assertEquals("AKIDLATER", provider.resolveCredentials().accessKeyId());
        assertEquals("AKIDLATER", provider.resolveCredentials().accessKeyId());
        assertEquals(1, built.get(), "built once, then kept");
    }
}
