package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Every page is valid HTML by the Nu Html Checker; the Atom feeds are valid by RFC 4287's RELAX NG
 * schema (Jing); the sitemaps by the sitemaps.org schemas; the RSS is well-formed RSS 2.0. Pure.
 */
class SiteValidityTest {

    /** Collects errors (warnings are advice, not invalidity). */
    private static final class Errors implements ErrorHandler {
        final List<String> found = new ArrayList<>();

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            found.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }

    @Test
    void everyPageIsValidHtml() throws Exception {
        for (String[] page : SampleSite.htmlPages(SampleSite.ordinary())) {
            Errors errors = new Errors();
            SimpleDocumentValidator validator = new SimpleDocumentValidator();
            validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", errors);
            validator.setUpValidatorAndParsers(errors, false, false);
            validator.checkHtmlInputSource(new InputSource(new StringReader(page[1])));
            assertEquals(List.of(), errors.found, page[0] + " page");
        }
    }

    @Test
    void atomFeedsAreValidByTheRfc4287Schema() throws Exception {
        ValidationDriver driver = new ValidationDriver(CompactSchemaReader.getInstance());
        driver.loadSchema(new InputSource(SiteValidityTest.class.getResource("/schemas/atom.rnc").toString()));
        for (String[] document : SampleSite.xmlDocuments(SampleSite.ordinary())) {
            if (document[0].contains("atom")) {
                assertEquals(true, driver.validate(new InputSource(new StringReader(document[1]))), document[0]);
            }
        }
        ValidationDriver empty = new ValidationDriver(CompactSchemaReader.getInstance());
        empty.loadSchema(new InputSource(SiteValidityTest.class.getResource("/schemas/atom.rnc").toString()));
        assertEquals(true, empty.validate(new InputSource(new StringReader(
                SampleSite.FEEDS.siteAtom(List.of(), SampleSite.NOW)))), "an empty feed");
        String withoutId = SampleSite.FEEDS.siteAtom(List.of(), SampleSite.NOW).replaceFirst("<id>[^<]*</id>", "");
        assertEquals(false, empty.validate(new InputSource(new StringReader(withoutId))),
                "the schema does reject a feed without its id");
    }

    @Test
    void sitemapsFollowTheSitemapsOrgSchemas() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var urlset = factory.newSchema(SiteValidityTest.class.getResource("/schemas/sitemap.xsd"));
        var index = factory.newSchema(SiteValidityTest.class.getResource("/schemas/siteindex.xsd"));
        for (String[] document : SampleSite.xmlDocuments(SampleSite.ordinary())) {
            if (document[0].equals("sitemap")) {
                urlset.newValidator().validate(new StreamSource(new StringReader(document[1])));
            } else if (document[0].equals("sitemap index")) {
                index.newValidator().validate(new StreamSource(new StringReader(document[1])));
            }
        }
    }

    @Test
    void rssIsWellFormedRss2() throws Exception {
        String rss = SampleSite.FEEDS.siteRss(List.of(SampleSite.ordinary()), SampleSite.NOW);
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(rss)));
        assertEquals("rss", document.getDocumentElement().getTagName());
        assertEquals("2.0", document.getDocumentElement().getAttribute("version"));
        var item = (Element) document.getElementsByTagName("item").item(0);
        for (String required : List.of("title", "link", "guid", "pubDate", "description")) {
            assertEquals(1, item.getElementsByTagName(required).getLength(), required);
        }
        assertEquals("Sun, 29 Nov 2026 11:00:00 GMT", item.getElementsByTagName("pubDate").item(0).getTextContent());
    }
}
