package newsroom.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The site's stylesheet, named by a hash of its content so that it can be cached for ever. */
public final class SiteAssets {
    private final byte[] stylesheet;
    private final String stylesheetKey;

    public SiteAssets() {
        this.stylesheet = load("site/site.css");
        this.stylesheetKey = "assets/site." + hash(stylesheet) + ".css";
    }

    public byte[] stylesheet() {
        return stylesheet.clone();
    }

    public String stylesheetKey() {
        return stylesheetKey;
    }

    public String stylesheetUrl() {
        return "/" + stylesheetKey;
    }

    private static byte[] load(String resource) {
        try (InputStream in = SiteAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
