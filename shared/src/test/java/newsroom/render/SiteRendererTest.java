package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import org.junit.jupiter.api.Test;

/** Pages from releases: the text shows, never as markup, and nothing shows before its time. Pure. */
class SiteRendererTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final SiteRenderer renderer = new SiteRenderer(new SiteAssets(), "Test Police", "https://news.example",
            ZoneId.of("Europe/London"));

    static Release release(String title, ReleaseStatus status, Instant publishedAt, Instant embargo) {
        return new Release("id-1", "a-slug", title, "A <b>summary</b>", "Body text", "Appeals", List.of(),
                new ContactBlock("Press \"office\"", "0800", "press@example.gov.uk"), null, List.of(), status, "author",
                publishedAt, publishedAt, publishedAt, embargo, List.of(), null, 1);
    }

    @Test
    void releasePageShowsTitleBodyContactAndLinks() {
        String html = renderer.releasePage(release("Appeal for witnesses", ReleaseStatus.PUBLISHED, NOW, null), List.of(), NOW);
        assertTrue(html.contains("<h1>Appeal for witnesses</h1>"));
        assertTrue(html.contains("<p>Body text</p>"));
        assertTrue(html.contains("<link rel=\"canonical\" href=\"https://news.example/news/2026/11/a-slug/\">"));
        assertTrue(html.contains("href=\"/news/category/appeals/\""));
        assertTrue(html.contains("<time datetime=\"2026-11-29T12:00:00Z\">29 November 2026</time>"));
        assertTrue(html.contains("mailto:press@example.gov.uk"));
        assertTrue(html.contains("<html lang=\"en-GB\">"));
    }

    @Test
    void aReleaseAndItsNinjsWrittenTogetherAreTheSameAsEachAlone() {
        SitePages site = new SitePages(renderer);
        Release release = release("Appeal <b>for</b> witnesses", ReleaseStatus.PUBLISHED, NOW, null);
        SitePages.ReleaseObjects together = site.releaseAndNinjs(release, List.of(), NOW);
        SitePages.SitePage page = site.release(release, List.of(), NOW);
        SitePages.SitePage ninjs = site.ninjs(release, List.of(), NOW);
        assertEquals(page.key(), together.page().key());
        assertEquals(new String(page.content(), java.nio.charset.StandardCharsets.UTF_8),
                new String(together.page().content(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ninjs.key(), together.ninjs().key());
        assertEquals(new String(ninjs.content(), java.nio.charset.StandardCharsets.UTF_8),
                new String(together.ninjs().content(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(new String(together.ninjs().content(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("<p>Body text</p>"), "the body once rendered is the ninjs body too");
    }

    @Test
    void textFromEveryFieldIsEscaped() {
        Release hostile = new Release("id-1", "a-slug", "<script>alert('t')</script>", "<img src=x onerror=alert(1)>",
                "<iframe src=//evil></iframe>", "Appeals", List.of("<b>tag</b>"),
                new ContactBlock("<svg onload=alert(1)>", "\"><script>x</script>", "a@b.example"), null, List.of(),
                ReleaseStatus.PUBLISHED, "author", NOW, NOW, NOW, null, List.of(), null, 1);
        String page = renderer.releasePage(hostile, List.of(), NOW) + renderer.latestPage(List.of(hostile), NOW);
        assertFalse(page.contains("<script>alert"));
        assertFalse(page.contains("<img src=x"));
        assertFalse(page.contains("<iframe"));
        assertFalse(page.contains("<svg"));
        assertFalse(page.contains("\"><script>"));
        assertTrue(page.contains("&lt;script&gt;"));
    }

    @Test
    void anEmbargoedReleaseIsNeverRendered() {
        Release embargoed = release("Embargoed", ReleaseStatus.PUBLISHED, NOW, NOW.plusSeconds(60));
        assertThrows(EmbargoedException.class, () -> renderer.releasePage(embargoed, List.of(), NOW));
        Release draft = release("Draft", ReleaseStatus.DRAFT, NOW, null);
        assertThrows(EmbargoedException.class, () -> renderer.releasePage(draft, List.of(), NOW));
        Release scheduled = release("Scheduled", ReleaseStatus.SCHEDULED, NOW.plusSeconds(60), NOW.plusSeconds(60));
        assertThrows(EmbargoedException.class, () -> renderer.releasePage(scheduled, List.of(), NOW));
    }

    @Test
    void latestListLeavesOutWhatIsNotPublic() {
        String html = renderer.latestPage(List.of(
                release("Public one", ReleaseStatus.PUBLISHED, NOW, null),
                release("Still embargoed", ReleaseStatus.PUBLISHED, NOW, NOW.plusSeconds(3600))), NOW);
        assertTrue(html.contains("Public one"));
        assertFalse(html.contains("Still embargoed"));
    }

    @Test
    void emptyLatestListSaysSo() {
        assertTrue(renderer.latestPage(List.of(), NOW).contains("There are no news releases here yet."));
    }
}
