package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * Text from a release can never become markup: script tags, event-handler attributes,
 * javascript: links and broken HTML pushed through every field come out inert in every page, feed
 * and sitemap. Pages are parsed as a browser would (jsoup) and inspected. Pure.
 */
class SiteSafetyTest {
    private static final String NASTY = "</title></script><script>alert('x')</script>"
            + "<img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">click</a><svg onload=alert(3)>"
            + "\"><iframe src=//evil.example></iframe><!-- <b";

    private static Release hostile() {
        return SampleSite.release("r-hostile", NASTY, NASTY,
                NASTY + "\n\n[link](javascript:alert(4)) ![img](javascript:alert(5))\n\n<div onclick=alert(6)>x</div>\n\n> "
                        + NASTY, "Appeals", new ContactBlock(NASTY, NASTY, NASTY), List.of(NASTY));
    }

    @Test
    void nothingFromTheReleaseIsLiveInAnyPage() {
        for (String[] page : SampleSite.htmlPages(hostile())) {
            Document document = Jsoup.parse(page[1]);
            for (Element element : document.getAllElements()) {
                String tag = element.tagName();
                assertFalse(List.of("iframe", "svg", "object", "embed").contains(tag), page[0] + ": <" + tag + ">");
                if (tag.equals("script") && element.attr("src").matches("/assets/search\\.[0-9a-f]+\\.js")) {
                    continue; // the site's own search module, from its own file
                }
                if (tag.equals("script")) {
                    assertEquals("application/ld+json", element.attr("type"), page[0] + ": a script that is not data");
                    assertFalse(element.data().contains("<"), page[0] + ": markup inside JSON-LD");
                }
                if (tag.equals("img")) {
                    assertTrue(element.attr("src").startsWith("/downloads/") || element.attr("src").equals("#")
                                    || element.attr("src").matches("/assets/logo\\.[0-9a-f]+\\.svg"),
                            page[0] + ": an image the release text put there: " + element);
                }
                for (Attribute attribute : element.attributes()) {
                    assertFalse(attribute.getKey().toLowerCase().startsWith("on"), page[0] + ": handler " + attribute);
                    assertFalse(attribute.getValue().toLowerCase().replaceAll("\\s", "").startsWith("javascript:"),
                            page[0] + ": " + attribute);
                }
            }
            assertTrue(document.select("title").text().contains("</script>") || page[0].equals("404")
                            || page[0].contains("latest") || page[0].contains("month") || page[0].equals("category")
                            || page[0].equals("archive") || page[0].contains("accessibility")
                            || page[0].startsWith("contact") || page[0].equals("privacy") || page[0].equals("search"),
                    page[0] + ": the title shows the text as text");
        }
    }

    @Test
    void jsonLdStaysValidJsonWithTheTextInIt() throws Exception {
        String page = SampleSite.PAGES.releasePage(hostile(), List.of(), SampleSite.NOW);
        String json = Jsoup.parse(page).select("script[type=application/ld+json]").first().data();
        var node = new ObjectMapper().readTree(json);
        assertEquals(NASTY, node.path("headline").asText());
        assertEquals("NewsArticle", node.path("@type").asText());
    }

    @Test
    void feedsAndSitemapsStayWellFormedAndCarryTheTextAsText() throws Exception {
        for (String[] xml : SampleSite.xmlDocuments(hostile())) {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml[1])));
            assertEquals(0, document.getElementsByTagName("script").getLength(), xml[0]);
            assertEquals(0, document.getElementsByTagName("iframe").getLength(), xml[0]);
            if (xml[0].contains("atom") || xml[0].equals("rss")) {
                assertEquals(NASTY, document.getElementsByTagName("title").item(1).getTextContent(), xml[0]);
            }
        }
    }
}
