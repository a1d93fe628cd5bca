package newsroom.local;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import newsroom.log.JsonLog;

/**
 * One local HTTP server on 127.0.0.1: Netty underneath, plain records above, so the API and site
 * servers are functions from an {@link Exchange} to a {@link Reply}. Nothing is decoded for them:
 * they get the raw path and query, so a malformed percent-escape is theirs to answer, and a request
 * HTTP itself cannot read (a header line with no colon) gets the {@code refusal} the server was
 * made with, never a page of the server's own naming a Java exception (the JDK's server did that).
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

    private final EventLoopGroup boss = new NioEventLoopGroup(1, daemon("accept"));
    private final EventLoopGroup io = new NioEventLoopGroup(2, daemon("io"));
    /** The handlers block (SDK calls): they run here, never on an event loop. */
    private final EventExecutorGroup workers = new DefaultEventExecutorGroup(16, daemon("worker"));
    private final Channel channel;
    /** Every open connection, so that closing the server closes them before stopping their threads. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Exchanges exchanges;

    /**
     * Listens at once (its address is a parameter of the stack); a request that comes before
     * {@link #start} waits for it, as it would in a listen queue.
     */
    LocalHttp(String name, int port, int maxBody, IntFunction<Reply> refusal) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        // Lines and headers as long as API Gateway takes (a URL of 8 KB, headers of 10 KB), with room.
                        ch.pipeline().addLast(new HttpServerCodec(16 * 1024, 16 * 1024, 8192));
                        ch.pipeline().addLast(new HttpObjectAggregator(Math.max(maxBody, 1)) {
                            @Override
                            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                                send(ctx, Reply.of(413, "application/json",
                                        "{\"message\":\"Request Entity Too Large\"}"), false, false);
                            }
                        });
                        ch.pipeline().addLast(workers, new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                serve(ctx, request, refusal);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                });
        try {
            this.channel = bootstrap.bind("127.0.0.1", port).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + " for the local " + name + " server", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "local-http-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void start(Exchanges handler) {
        this.exchanges = handler;
        ready.countDown();
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, IntFunction<Reply> refusal) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException ? 431 : 400;
            send(ctx, refusal.apply(status), false, false);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        Reply reply;
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                reply = Reply.of(503, "application/json", "{\"message\":\"Service Unavailable\"}");
            } else {
                reply = exchanges.handle(exchange(ctx, request));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("local server failure", e);
            reply = Reply.of(500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
        send(ctx, reply, keepAlive, head);
    }

    private static Exchange exchange(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                n -> new ArrayList<>()).add(h.getValue()));
        String target = request.uri();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 || question == target.length() - 1 ? null : target.substring(question + 1);
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        return new Exchange(request.method().name(), path, query, headers,
                ByteBufUtil.getBytes(request.content()), remote.getAddress().getHostAddress(),
                request.protocolVersion().text());
    }

    private static void send(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean head) {
        boolean noBody = head || reply.status() == 204 || reply.status() == 304;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()),
                noBody ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach((name, values) -> response.headers().add(name, values));
        if (reply.status() != 204 && reply.status() != 304) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        }
        response.headers().set(HttpHeaderNames.DATE, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void close() {
        // Stop taking connections and close the open ones (their handlers finish on both the
        // connection's loop and a worker), and only then stop those threads.
        if (channel != null) {
            channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
