package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.Samples;
import newsroom.standards.NinjsSchema;
import org.junit.jupiter.api.Test;

class NinjsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");
    private final Ninjs ninjs = new Ninjs("Example Police");

    /** Every document this class writes must pass the official IPTC ninjs 2.1 schema. */
    private static JsonNode read(String text) throws Exception {
        JsonNode document = JSON.readTree(text);
        assertEquals(Set.of(), NinjsSchema.violations(document), text);
        return document;
    }

    @Test
    void theOfficialSchemaIsReallyChecked() throws Exception {
        JsonNode good = JSON.readTree(ninjs.published(Samples.published("r1", "Road closed", "Appeals", AT),
                "https://news.example/news/2026/11/r1/", List.of()));
        assertEquals(Set.of(), NinjsSchema.violations(good));
        var wrongStatus = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongStatus).put("pubstatus", "live");
        assertFalse(NinjsSchema.violations(wrongStatus).isEmpty(), "pubstatus is an enumeration in ninjs 2.1");
        var unknownField = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownField).put("newsroomStatus", "x");
        assertFalse(NinjsSchema.violations(unknownField).isEmpty(), "ninjs 2.1 allows no property of its own");
        var noUri = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noUri).remove("uri");
        assertFalse(NinjsSchema.violations(noUri).isEmpty(), "uri is required");
    }

    @Test
    void aPublicReleaseIsUsableAndEachUpdateIsANewVersion() throws Exception {
        Release release = Samples.published("r1", "Road closed <script>", "Appeals", AT);
        JsonNode first = read(ninjs.published(release, "https://news.example/news/2026/11/r1/", List.of()));
        assertEquals("urn:uuid:r1", first.path("uri").asText());
        assertEquals("usable", first.path("pubstatus").asText());
        assertEquals("1", first.path("version").asText());
        assertFalse(first.has("embargoed"));
        assertEquals("Road closed <script>", first.path("headlines").get(0).path("value").asText(),
                "plain text, as JSON escapes it");
        assertTrue(first.path("bodies").get(0).path("value").asText().contains("<strong>"), "the body as safe HTML");
        Release updated = release.toBuilder().changes(List.of(new ReleaseChange(AT.plusSeconds(60), "Reopened.",
                ReleaseChange.ChangeType.MAJOR))).saved(AT.plusSeconds(60));
        JsonNode second = read(ninjs.published(updated, "https://news.example/", List.of()));
        assertEquals("2", second.path("version").asText());
        assertEquals(AT.plusSeconds(60).toString(), second.path("versioncreated").asText());
    }

    @Test
    void aWithdrawnReleaseIsCanceledAndKeepsNothingOfItsText() throws Exception {
        Release release = Samples.published("r1", "Named man", "Appeals", AT);
        Release withdrawn = release.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(AT.plusSeconds(3600), "Issued in error.", true)).saved(AT.plusSeconds(3600));
        JsonNode canceled = read(ninjs.published(withdrawn, "https://news.example/", List.of()));
        assertEquals("canceled", canceled.path("pubstatus").asText());
        assertFalse(canceled.has("bodies") || canceled.has("descriptions") || canceled.has("subjects"));
        assertEquals("Withdrawn: Issued in error.", canceled.path("ednote").asText());
    }

    @Test
    void anAdvanceCopyIsWithheldUntilItsEmbargo() throws Exception {
        Instant embargo = AT.plusSeconds(7200);
        Release scheduled = Samples.published("r1", "Charge", "Appeals", embargo).toBuilder()
                .status(ReleaseStatus.SCHEDULED).embargoUntil(embargo).saved(AT);
        JsonNode copy = read(ninjs.embargoed(scheduled, "https://news.example/", List.of(new Ninjs.File("a1",
                "map.pdf", "application/pdf", 10, "https://api.example/advance/t/attachments/a1"))));
        assertEquals("withheld", copy.path("pubstatus").asText());
        assertEquals(embargo.toString(), copy.path("embargoed").asText());
        assertEquals("https://api.example/advance/t/attachments/a1",
                copy.path("associations").get(0).path("renditions").get(0).path("href").asText());
    }

    @Test
    void wordsAreCountedAsRunsBetweenWhitespace() {
        List<String> texts = List.of("", "one", "one two", "one  two\tthree\nfour\r\nfive", "a\u000Bb\fc",
                "no\u00A0break counts as one", "em\u2003space", "**bold** and [a link](https://x.example)",
                "- list\n- items\n\n> quote");
        for (String text : texts) {
            int expected = text.isBlank() ? 0 : text.strip().split("\\s+").length;
            assertEquals(expected, Ninjs.wordCount(text), "\"" + text + "\"");
        }
    }

    @Test
    void aBodyRenderedBeforeIsTheSameObject() {
        Release release = Samples.published("r1", "Road closed", "Appeals", AT);
        String url = "https://news.example/news/2026/11/r1/";
        assertEquals(ninjs.published(release, url, List.of()),
                ninjs.published(release, url, List.of(), new Markdown().toHtml(release.body())));
    }

    /** Written as UTF-8 bytes: any text comes back as it went in, and an emoji stays a character. */
    @Test
    void textOfEveryKindComesBackAsItWentIn() throws Exception {
        String title = "Café “closed” — 🚓 \"quoted\" \\ back\tslash\u0001 £5 €";
        Release sample = Samples.published("r1", title, "Appeals", AT);
        Release release = sample.toBuilder().content(title, "Line one\nline two 𝄞", sample.body(), "Appeals",
                List.of(), sample.contact(), null).saved(AT);
        String text = ninjs.published(release, "https://news.example/news/2026/11/r1/", List.of());
        JsonNode document = read(text);
        assertEquals(title, document.path("headlines").get(0).path("value").asText());
        assertEquals("Line one\nline two 𝄞", document.path("descriptions").get(0).path("value").asText());
        assertTrue(text.contains("🚓") && text.contains("𝄞"), "characters beyond the BMP as they are, not escaped");
        assertTrue(text.contains("Café “closed” —"));
    }
}
