package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Release bodies: useful Markdown renders; nothing from the text becomes live markup. Pure. */
class MarkdownTest {
    private final Markdown markdown = new Markdown();

    @Test
    void quotesListsHeadingsAndLinksRender() {
        String html = markdown.toHtml("""
                Intro with a [link](https://example.gov.uk/report).

                > “A quote.”

                ## Key findings

                - one
                - two
                """);
        assertTrue(html.contains("<a href=\"https://example.gov.uk/report\">link</a>"));
        assertTrue(html.matches("(?s).*<blockquote>\\s*<p>“A quote.”</p>\\s*</blockquote>.*"), html);
        assertTrue(html.contains("<h2>Key findings</h2>"));
        assertTrue(html.contains("<li>one</li>"));
    }

    @Test
    void aTopLevelHeadingBecomesH2AndKeepsTheOrderBelowIt() {
        String html = markdown.toHtml("# Top\n\n## Below\n");
        assertTrue(html.contains("<h2>Top</h2>"));
        assertTrue(html.contains("<h3>Below</h3>"));
        assertFalse(html.contains("<h1>"));
    }

    @Test
    void rawHtmlIsEscapedNotPassedThrough() {
        String html = markdown.toHtml("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <b>bold</b>");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<b>"));
        assertTrue(html.contains("&lt;script&gt;"));
    }

    @Test
    void dangerousLinkSchemesAreNeutralised() {
        for (String url : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                "vbscript:msgbox(1)"}) {
            String html = markdown.toHtml("[click](" + url + ") ![img](" + url + ")");
            assertFalse(html.toLowerCase().contains("javascript:"), html);
            assertFalse(html.toLowerCase().contains("data:text"), html);
            assertFalse(html.toLowerCase().contains("vbscript:"), html);
        }
    }

    @Test
    void imagesInTheBodyBecomeLinks() {
        String html = markdown.toHtml("![A chart](https://example.gov.uk/chart.png)");
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("<a href=\"https://example.gov.uk/chart.png\">A chart</a>"), html);
    }

    @Test
    void mailtoAndRelativeLinksAreKept() {
        assertTrue(markdown.toHtml("[mail](mailto:press@example.gov.uk)").contains("href=\"mailto:press@example.gov.uk\""));
        assertTrue(markdown.toHtml("[older](/news/2019/10/)").contains("href=\"/news/2019/10/\""));
    }

    @Test
    void plainTextIsTheTrimmedSource() {
        assertEquals("Hello *world*", Markdown.toText("  Hello *world*\n"));
    }

    @Test
    void aPictureInsideALinkBecomesItsAltTextNeverANestedLink() {
        String html = new Markdown().toHtml("[![Force logo](logo.png)](https://example.police.uk)");
        assertEquals(1, html.split("<a ", -1).length - 1, html);
        assertTrue(html.contains("<a href=\"https://example.police.uk\">Force logo</a>"), html);
    }
}
