package newsroom.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.render.SitePaths;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The site bucket served the way CloudFront serves it in AWS: folder paths get their index.html
 * (the template's viewer-request function), "/" is the latest news, and each object goes out with
 * the Content-Type and Cache-Control it was stored with.
 */
final class SiteServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final S3Client s3;
    private volatile String bucket;
    private volatile Map<String, String> securityHeaders = Map.of();

    /** Binds the port at once (its address goes into the stack's parameters); serves once given the bucket. */
    SiteServer(int port, S3Client s3) throws IOException {
        this.s3 = s3;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Serves this bucket, adding to every response the headers CloudFront adds (see {@link SiteHeaders}). */
    void start(String siteBucket, Map<String, String> headers) {
        this.bucket = siteBucket;
        this.securityHeaders = Map.copyOf(headers);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!LocalOrigin.isLocalHost(exchange, port())) {
                send(exchange, 421, "text/plain; charset=utf-8", null,
                        "This local server answers only to localhost".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", null, "Method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/news/");
                send(exchange, 302, "text/plain; charset=utf-8", null, new byte[0]);
                return;
            }
            if (path.contains("..")) {
                send(exchange, 400, "text/plain; charset=utf-8", null, "Bad request".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ResponseBytes<GetObjectResponse> object = get(SitePaths.keyFor(path));
            if (object == null && !path.endsWith("/") && !path.substring(path.lastIndexOf('/')).contains(".")
                    && get(SitePaths.keyFor(path + "/")) != null) {
                exchange.getResponseHeaders().set("Location", path + "/");
                send(exchange, 301, "text/plain; charset=utf-8", null, new byte[0]);
                return;
            }
            if (object == null) {
                ResponseBytes<GetObjectResponse> notFound = get("404.html");
                if (notFound != null) {
                    send(exchange, 404, notFound.response().contentType(), notFound.response().cacheControl(),
                            notFound.asByteArray());
                } else {
                    send(exchange, 404, "text/plain; charset=utf-8", null, "Not found".getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            if (object.response().contentDisposition() != null) {
                exchange.getResponseHeaders().set("Content-Disposition", object.response().contentDisposition());
            }
            send(exchange, 200, object.response().contentType(), object.response().cacheControl(), object.asByteArray());
        }
    }

    private ResponseBytes<GetObjectResponse> get(String key) {
        try {
            return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void send(HttpExchange exchange, int status, String contentType, String cacheControl, byte[] body)
            throws IOException {
        securityHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (cacheControl != null) {
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
