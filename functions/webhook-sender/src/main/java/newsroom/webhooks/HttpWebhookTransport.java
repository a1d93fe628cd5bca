package newsroom.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsroom.service.WebhookAddresses;
import newsroom.service.port.WebhookTransport;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs with Apache HttpClient, whose DNS hook is where the address check happens: the client
 * connects only to addresses just checked to be public, so a name that is re-pointed between a
 * check and the connection (DNS rebinding) cannot reach an internal address. Redirects are never
 * followed (a 3xx is a failure), and every delivery must answer within 15 seconds.
 */
public final class HttpWebhookTransport implements WebhookTransport {
    public static final Timeout TIMEOUT = Timeout.ofSeconds(15);

    /** A refused address, as the DNS hook must report it. */
    private static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient client;

    public HttpWebhookTransport(WebhookAddresses addresses) {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return addresses.resolve(host).toArray(new InetAddress[0]);
                } catch (Refused refused) {
                    throw new RefusedHost(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(TIMEOUT).setSocketTimeout(TIMEOUT)
                                .setTimeToLive(Timeout.ofMinutes(1)).build())
                        .setMaxConnTotal(20).setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(TIMEOUT)
                        .setConnectionRequestTimeout(TIMEOUT).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .evictIdleConnections(Timeout.ofSeconds(30))
                .build();
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, String body) throws IOException {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        try {
            int status = client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return new Answer(status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RefusedHost refused) {
                    throw new Refused(refused.getMessage());
                }
            }
            throw e;
        }
    }
}
