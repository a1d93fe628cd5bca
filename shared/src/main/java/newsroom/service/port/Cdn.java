package newsroom.service.port;

import java.util.List;

/** The content delivery network in front of the site bucket, told which paths changed. */
public interface Cdn {

    /** Asks the CDN to drop these paths (each "/" + object key) from its caches, in one request. */
    void invalidate(List<String> paths, String reference);

    /**
     * Refuses what the CDN would not take as exactly one object: a path is "/" + its key, never a
     * wildcard. Here, free of any SDK type, so a function without CloudFront's SDK can check too.
     */
    static void checkExact(String path) {
        if (path == null || !path.startsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("not an exact path: " + path);
        }
    }

    /** For a site with no CDN in front (some local set-ups): nothing to tell. */
    Cdn NONE = (paths, reference) -> { };
}
