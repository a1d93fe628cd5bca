package newsroom.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.json.LightJson;

/**
 * The desk: the press office's web app, a handful of static files (no build step) served under
 * {@code /desk/} from the site bucket, and the {@code config.json} that tells it where the API is
 * and how people sign in. Written by the site rebuilder; never cached, never indexed.
 */
public final class Desk {
    /** The app's files, as kept in the jar under {@code desk/}. */
    static final List<String> FILES = List.of("index.html", "desk.css", "desk.js", "api.js", "auth.js", "views.js",
            "releases.js", "compose.js", "contacts.js", "report.js", "reviews.js", "diff.js", "time.js");
    public static final String PREFIX = "desk/";
    /** Every visit reads the current files; nothing shared keeps a copy. */
    public static final String CACHE = "no-store";

    /**
     * How the desk signs people in: through the identity provider at {@code issuer} (OpenID
     * Connect discovery, authorization code with PKCE) for the app {@code clientId}; or, on the
     * local stack only, at {@code localSignInUrl}, a page that issues dev tokens.
     */
    public record Config(String siteName, String apiBaseUrl, String issuer, String clientId, String localSignInUrl,
                         List<String> categories, String timeZone, boolean twoPersonRule) {
    }

    /** One file of the desk: its key in the site bucket, content and type. */
    public record File(String key, byte[] content, String contentType) {
    }

    private final List<File> app;

    public Desk() {
        List<File> files = new ArrayList<>();
        for (String name : FILES) {
            files.add(new File(PREFIX + name, load("desk/" + name), typeOf(name)));
        }
        this.app = List.copyOf(files);
    }

    /** The app's files and its config. */
    public List<File> files(Config config) {
        List<File> all = new ArrayList<>(app);
        all.add(new File(PREFIX + "config.json", configJson(config).getBytes(StandardCharsets.UTF_8),
                "application/json"));
        return all;
    }

    static String configJson(Config config) {
        Map<String, Object> signIn = new LinkedHashMap<>();
        if (config.localSignInUrl() != null && !config.localSignInUrl().isBlank()) {
            signIn.put("kind", "local");
            signIn.put("url", config.localSignInUrl());
        } else {
            signIn.put("kind", "oidc");
            signIn.put("issuer", config.issuer());
            signIn.put("clientId", config.clientId());
            signIn.put("scope", "openid newsroom/editor newsroom/publisher newsroom/contacts");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("siteName", config.siteName());
        json.put("apiBaseUrl", stripSlash(config.apiBaseUrl()));
        json.put("signIn", signIn);
        json.put("categories", config.categories());
        json.put("timeZone", config.timeZone());
        json.put("twoPersonRule", config.twoPersonRule());
        return LightJson.plain(json);
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String typeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static byte[] load(String resource) {
        try (InputStream in = Desk.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
