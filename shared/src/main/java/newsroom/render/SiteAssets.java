package newsroom.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The site's static assets (stylesheet, icon), each named by a hash of its content so it can be cached for ever. */
public final class SiteAssets {

    /** One asset: its key in the site bucket, content and type. */
    public record Asset(String key, byte[] content, String contentType) {
        public String url() {
            return "/" + key;
        }
    }

    private final Asset stylesheet;
    private final Asset icon;
    private final Asset searchScript;

    public SiteAssets() {
        this.stylesheet = load("site/site.css", "site", "css", "text/css; charset=utf-8");
        this.icon = load("site/favicon.svg", "icon", "svg", "image/svg+xml");
        this.searchScript = load("site/search.js", "search", "js", "text/javascript; charset=utf-8");
    }

    public List<Asset> all() {
        return List.of(stylesheet, icon, searchScript);
    }

    public String searchScriptUrl() {
        return searchScript.url();
    }

    public String stylesheetUrl() {
        return stylesheet.url();
    }

    public String iconUrl() {
        return icon.url();
    }

    private static Asset load(String resource, String name, String extension, String contentType) {
        try (InputStream in = SiteAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            byte[] content = in.readAllBytes();
            return new Asset("assets/" + name + "." + hash(content) + "." + extension, content, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings' logo as an asset named by its content, or null when there is none. */
    public static Asset logo(newsroom.domain.SiteSettings settings) {
        if (settings.logo() == null || settings.logo().svg() == null) {
            return null;
        }
        byte[] content = settings.logo().svg().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Asset("assets/logo." + hash(content) + ".svg", content, "image/svg+xml");
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
