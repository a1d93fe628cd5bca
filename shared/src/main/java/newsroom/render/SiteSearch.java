package newsroom.render;

/** Whether the site has its search (the box in every page's header, the /search/ page). */
public final class SiteSearch {
    public static final boolean ENABLED = true;

    private SiteSearch() {
    }
}
