package newsroom.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MiniStack (MIT, pip package {@code ministack} with its {@code full} extra, which adds the SAM
 * translator its CloudFormation needs for template.yaml), run from a project-local Python venv that
 * this class creates on first use, on a free loopback port. Used when no endpoint is given and no
 * Docker engine is running.
 */
public final class MiniStack implements Emulator {
    public static final String VERSION = "1.5.33";
    /** The extra that brings the SAM translator, so that template.yaml deploys through CloudFormation. */
    static final String PACKAGE = "ministack[full]==" + VERSION;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final MiniStackAdmin admin;

    private MiniStack(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.admin = new MiniStackAdmin(endpoint);
    }

    /** Installs MiniStack if needed, starts it and waits until it reports healthy. */
    public static MiniStack start() {
        Path venv = ensureInstalled();
        int port = freePort();
        Path log = ProjectHome.stateDir().resolve("ministack-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/python").toString(), "-m", "ministack")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_PORT", Integer.toString(port));
        env.put("BIND_HOST", "127.0.0.1");
        env.put("LOG_LEVEL", "WARNING");
        env.put("S3_DATA_DIR", ProjectHome.stateDir().resolve("ministack-s3-" + port).toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MiniStack from " + venv, e);
        }
        MiniStack miniStack = new MiniStack(process, URI.create("http://127.0.0.1:" + port), log);
        miniStack.awaitHealthy();
        return miniStack;
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MiniStack exited at start; see " + log);
            }
            if (admin.healthy()) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("MiniStack did not become healthy within " + START_TIMEOUT + "; see " + log);
    }

    /** The venv .newsroom/ministack-VERSION-full, made on first use. */
    static Path ensureInstalled() {
        return ProjectVenv.ensure("ministack-" + VERSION + "-full", List.of(PACKAGE));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "MiniStack " + VERSION + " at " + endpoint;
    }

    @Override
    public void reset() {
        admin.reset();
    }

    @Override
    public List<SentEmail> sentEmails() {
        return admin.sentEmails();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
