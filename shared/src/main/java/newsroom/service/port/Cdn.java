package newsroom.service.port;

import java.util.List;

/** The content delivery network in front of the site bucket, told which paths changed. */
public interface Cdn {

    /** Asks the CDN to drop these paths (each "/" + object key) from its caches, in one request. */
    void invalidate(List<String> paths, String reference);

    /** For a site with no CDN in front (some local set-ups): nothing to tell. */
    Cdn NONE = (paths, reference) -> { };
}
