package newsroom.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    private static final String TEXT = "text/plain; charset=utf-8";
    private final LocalHttp server;
    private final S3Client s3;
    private volatile String bucket;
    private volatile SiteHeaders siteHeaders = SiteHeaders.none();

    /** Binds the port at once (its address goes into the stack's parameters); serves once given the bucket. */
    SiteServer(int port, S3Client s3) throws IOException {
        this.s3 = s3;
        this.server = new LocalHttp("site", port, 0, status -> {
            LocalHttp.Reply refusal = LocalHttp.Reply.of(status, TEXT, "Bad request\n");
            for (Map.Entry<String, String> header : siteHeaders.forPath("/").entrySet()) {
                refusal = refusal.with(header.getKey(), header.getValue());
            }
            return refusal;
        });
    }

    /** Serves this bucket, adding to every response the headers CloudFront adds (see {@link SiteHeaders}). */
    void start(String siteBucket, SiteHeaders headers) {
        this.bucket = siteBucket;
        this.siteHeaders = headers;
        server.start(this::handle);
    }

    int port() {
        return server.port();
    }

    /** Every answer gets the headers of its path's behaviour, over the object's own (Override, as deployed). */
    private LocalHttp.Reply handle(LocalHttp.Exchange exchange) {
        LocalHttp.Reply reply = serve(exchange);
        for (Map.Entry<String, String> header : siteHeaders.forPath(exchange.rawPath()).entrySet()) {
            reply = reply.with(header.getKey(), header.getValue());
        }
        return reply;
    }

    private LocalHttp.Reply serve(LocalHttp.Exchange exchange) {
        if (!LocalOrigin.isLocalHost(exchange, port())) {
            return text(421, "This local server answers only to localhost");
        }
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(405, "Method not allowed");
        }
        String path;
        try {
            path = URLDecoder.decode(exchange.rawPath(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text(400, "Bad request");
        }
        if (path.equals("/")) {
            return text(302, "").with("Location", "/news/");
        }
        if (path.contains("..")) {
            return text(400, "Bad request");
        }
        ResponseBytes<GetObjectResponse> object = get(SitePaths.keyFor(path));
        if (object == null && !path.endsWith("/") && !path.substring(path.lastIndexOf('/')).contains(".")
                && get(SitePaths.keyFor(path + "/")) != null) {
            return text(301, "").with("Location", path + "/");
        }
        if (object == null) {
            ResponseBytes<GetObjectResponse> notFound = get("404.html");
            return notFound == null ? text(404, "Not found") : stored(404, notFound);
        }
        LocalHttp.Reply reply = stored(200, object);
        return object.response().contentDisposition() == null ? reply
                : reply.with("Content-Disposition", object.response().contentDisposition());
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

    private LocalHttp.Reply stored(int status, ResponseBytes<GetObjectResponse> object) {
        LocalHttp.Reply reply = LocalHttp.Reply.of(status, object.response().contentType(), object.asByteArray());
        return object.response().cacheControl() == null ? reply
                : reply.with("Cache-Control", object.response().cacheControl());
    }

    private LocalHttp.Reply text(int status, String body) {
        return LocalHttp.Reply.of(status, TEXT, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
