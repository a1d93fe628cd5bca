package newsroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.log.JsonLog;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One local HTTP server on 127.0.0.1: Jetty underneath, plain records above, so the API and site
 * servers are functions from an {@link Exchange} to a {@link Reply}. Every answer is the handler's,
 * including the ones for requests HTTP itself cannot make sense of (a malformed percent-escape, a
 * bad header): those get the {@code refusal}'s body, never the server's own HTML page or an
 * exception's name.
 */
final class LocalHttp implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.of(LocalHttp.class);

    /** A request as the handlers see it: header names in lower case, the raw (encoded) path and query. */
    record Exchange(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                    byte[] body, String remoteAddress, String protocol) {
        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Whether the body was longer than the server takes (it is then empty here). */
        boolean bodyTooLarge() {
            return body == null;
        }
    }

    /** An answer: status, headers (Set-Cookie may repeat, so values are lists) and body. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        static Reply of(int status, String contentType, String body) {
            return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply of(int status, String contentType, byte[] body) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", List.of(contentType));
            }
            return new Reply(status, headers, body);
        }

        /** The same, with one more header (replacing any of that name). */
        Reply with(String name, String value) {
            Map<String, List<String>> more = new LinkedHashMap<>(headers);
            more.put(name, List.of(value));
            return new Reply(status, more, body);
        }
    }

    /** What the server does with each request. */
    interface Exchanges {
        Reply handle(Exchange exchange) throws IOException;
    }

    private final Server server;
    private final ServerConnector connector;
    private volatile Exchanges exchanges;

    /**
     * Binds the port at once (its address is a parameter of the stack) but answers only after
     * {@link #start}. {@code refusal} makes the body for a request the server refused before any
     * handler saw it, from the status it refused with.
     */
    LocalHttp(String name, int port, int maxBody, java.util.function.IntFunction<Reply> refusal) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("local-" + name);
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setErrorHandler(new RefusalHandler(refusal));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback, maxBody);
                return true;
            }
        });
        connector.open();
    }

    int port() {
        return connector.getLocalPort();
    }

    void start(Exchanges handler) {
        this.exchanges = handler;
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local HTTP server", e);
        }
    }

    private void serve(Request request, Response response, Callback callback, int maxBody) {
        Reply reply;
        try {
            reply = exchanges.handle(exchange(request, maxBody));
        } catch (IOException | RuntimeException e) {
            LOG.error("local server failure", e);
            reply = Reply.of(500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
        writeReply(request, response, callback, reply);
    }

    private static Exchange exchange(Request request, int maxBody) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(field.getValue());
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(maxBody + 1);
        }
        String remote = Request.getRemoteAddr(request);
        return new Exchange(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers, body.length > maxBody ? null : body, remote,
                request.getConnectionMetaData().getProtocol());
    }

    private static void writeReply(Request request, Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        reply.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
        boolean noBody = reply.body().length == 0 || HttpMethod.HEAD.is(request.getMethod())
                || reply.status() == 204 || reply.status() == 304;
        if (noBody) {
            if (reply.status() != 204 && reply.status() != 304 && !HttpMethod.HEAD.is(request.getMethod())) {
                response.getHeaders().put("Content-Length", "0");
            }
            callback.succeeded();
            return;
        }
        response.getHeaders().put("Content-Length", Integer.toString(reply.body().length));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Jetty's answer to a request it could not take, in our words instead of its HTML page. */
    private static final class RefusalHandler extends ErrorHandler {
        private final java.util.function.IntFunction<Reply> refusal;

        RefusalHandler(java.util.function.IntFunction<Reply> refusal) {
            this.refusal = refusal;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object status = request.getAttribute(ERROR_STATUS);
            int code = status instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 400;
            Reply reply = refusal.apply(code);
            response.getHeaders().clear();
            writeReply(request, response, callback, reply);
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot stop the local HTTP server", e));
        }
    }
}
