package newsroom.service.port;

/**
 * Tells the shared pages' renderers (the lists' and the search index's) that parts of the site
 * are marked dirty. A publish marks its
 * parts and nudges instead of rendering them itself, so a burst's release pages never wait for
 * the lists; the renderer (one lease holder) renders every mark there is, whatever nudged it.
 */
public interface SharedPagesNudge {

    void nudge();
}
