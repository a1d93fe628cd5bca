package newsroom.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.json.LightJson;

/**
 * A release as IPTC ninjs 2.1 (News in JSON), the form news agencies and newsroom systems read:
 * beside each public page, and behind a journalist's signed link while under embargo. Only
 * properties of the 2.1 schema are used, so the object validates against it.
 *
 * <p>{@code version} counts the public versions (1, then one more per update). A withdrawn
 * release is "canceled" and keeps only what identifies it; an embargoed copy is "withheld" with
 * {@code embargoed} set to the time.
 */
public final class Ninjs {
    public static final String MEDIA_TYPE = "application/ninjs+json";
    public static final String FILE_NAME = "ninjs.json";
    static final String SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json";
    private static final String LANGUAGE = "en-GB";

    private final Markdown markdown = new Markdown();
    private final String organisation;

    public Ninjs(String organisation) {
        this.organisation = organisation;
    }

    /** One attachment as the reader may fetch it. */
    public record File(String id, String fileName, String contentType, long size, String href) {
    }

    /** The public release, or its cancellation once withdrawn. {@code pageUrl} is its page. */
    public String published(Release release, String pageUrl, List<File> files) {
        return published(release, pageUrl, files, null);
    }

    /**
     * The same, with the body already rendered ({@code bodyHtml}, from {@link Markdown#toHtml}), so
     * that the page beside it and this object parse the body once between them; null renders it here.
     */
    public String published(Release release, String pageUrl, List<File> files, String bodyHtml) {
        return new String(publishedBytes(release, pageUrl, files, bodyHtml), StandardCharsets.UTF_8);
    }

    /** The same as UTF-8, the bytes the site stores, with no String between. */
    byte[] publishedBytes(Release release, String pageUrl, List<File> files, String bodyHtml) {
        // Written field by field: a full rebuild writes one beside every page, and building maps for
        // the mapper to walk was a seventh of the time of a release's page and ninjs. Written as
        // bytes: through characters, each one was handled twice more.
        PageWriter page = PageWriter.reused();
        OutputStream out = page.utf8();
        if (release.status() == ReleaseStatus.WITHDRAWN) {
            LightJson.object(out, json -> canceled(json, release, pageUrl));
        } else {
            LightJson.object(out, json -> item(json, release, pageUrl, files, "usable", null, bodyHtml));
        }
        return page.toBytes();
    }

    /** An embargoed advance copy: withheld until the embargo time. */
    public String embargoed(Release release, String pageUrl, List<File> files) {
        PageWriter page = PageWriter.reused();
        LightJson.object(page.utf8(),
                json -> item(json, release, pageUrl, files, "withheld", release.embargoUntil(), null));
        return page.toString();
    }

    static String uri(Release release) {
        return "urn:uuid:" + release.id();
    }

    private void head(JsonGenerator json, Release release, String pubstatus) throws IOException {
        json.writeStringField("uri", uri(release));
        json.writeObjectFieldStart("standard");
        json.writeStringField("name", "ninjs");
        json.writeStringField("version", "2.1");
        json.writeStringField("schema", SCHEMA);
        json.writeEndObject();
        json.writeStringField("type", "text");
        json.writeStringField("version", Integer.toString(release.changes().size() + 1));
        json.writeStringField("firstcreated", release.publishedAt() == null ? release.createdAt().toString()
                : release.publishedAt().toString());
        json.writeStringField("versioncreated", versionCreated(release).toString());
        json.writeStringField("pubstatus", pubstatus);
        json.writeStringField("language", LANGUAGE);
    }

    /** When the version this object shows came to be: the last update, or the publication. */
    private static Instant versionCreated(Release release) {
        if (release.withdrawal() != null) {
            return release.withdrawal().at();
        }
        return release.lastChange().map(c -> c.at())
                .orElse(release.publishedAt() == null ? release.updatedAt() : release.publishedAt());
    }

    /** {"role": …, "contenttype": …, "value": …} in a one-element array, as headlines and descriptions are. */
    private static void textList(JsonGenerator json, String field, String role, String value) throws IOException {
        json.writeArrayFieldStart(field);
        json.writeStartObject();
        json.writeStringField("role", role);
        json.writeStringField("contenttype", "text/plain");
        json.writeStringField("value", value);
        json.writeEndObject();
        json.writeEndArray();
    }

    private void pageRendition(JsonGenerator json, String pageUrl) throws IOException {
        json.writeArrayFieldStart("renditions");
        json.writeStartObject();
        json.writeStringField("name", "page");
        json.writeStringField("href", pageUrl);
        json.writeStringField("contenttype", "text/html");
        json.writeEndObject();
        json.writeEndArray();
    }

    private void item(JsonGenerator json, Release release, String pageUrl, List<File> files, String pubstatus,
                      Instant embargoed, String bodyHtml) throws IOException {
        head(json, release, pubstatus);
        if (embargoed != null) {
            json.writeStringField("embargoed", embargoed.toString());
        }
        json.writeStringField("representationtype", "full");
        textList(json, "headlines", "main", release.title());
        if (release.summary() != null && !release.summary().isBlank()) {
            textList(json, "descriptions", "summary", release.summary());
        }
        String text = Markdown.toText(release.body());
        json.writeArrayFieldStart("bodies");
        json.writeStartObject();
        json.writeStringField("role", "main");
        json.writeStringField("contenttype", "text/html");
        json.writeNumberField("charcount", text.length());
        json.writeNumberField("wordcount", wordCount(text));
        json.writeStringField("value", bodyHtml != null ? bodyHtml : markdown.toHtml(release.body()));
        json.writeEndObject();
        json.writeEndArray();
        json.writeArrayFieldStart("subjects");
        subject(json, release.category(), "category");
        for (String tag : release.tags()) {
            subject(json, tag, "tag");
        }
        json.writeEndArray();
        json.writeStringField("by", organisation);
        json.writeStringField("copyrightholder", organisation);
        json.writeArrayFieldStart("infosources");
        json.writeStartObject();
        json.writeStringField("name", organisation);
        json.writeStringField("role", "originator");
        json.writeEndObject();
        json.writeEndArray();
        pageRendition(json, pageUrl);
        if (!files.isEmpty()) {
            json.writeArrayFieldStart("associations");
            for (File file : files) {
                json.writeStartObject();
                json.writeStringField("name", file.fileName());
                json.writeStringField("uri", "urn:uuid:" + file.id());
                json.writeStringField("type", file.contentType().startsWith("image/") ? "picture" : "component");
                json.writeArrayFieldStart("renditions");
                json.writeStartObject();
                json.writeStringField("name", "original");
                json.writeStringField("href", file.href());
                json.writeStringField("contenttype", file.contentType());
                json.writeNumberField("sizeinbytes", file.size());
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static void subject(JsonGenerator json, String name, String rel) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("rel", rel);
        json.writeEndObject();
    }

    private void canceled(JsonGenerator json, Release release, String pageUrl) throws IOException {
        head(json, release, "canceled");
        json.writeStringField("representationtype", "partial");
        textList(json, "headlines", "main", release.title());
        if (release.withdrawal() != null && release.withdrawal().reason() != null) {
            json.writeStringField("ednote", "Withdrawn: " + release.withdrawal().reason());
        }
        pageRendition(json, pageUrl);
    }

    /**
     * Words: runs of characters between ASCII whitespace, as {@code text.strip().split("\\s+")}
     * counts them, without a regular expression (it was a tenth of a full rebuild's time).
     */
    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // ' ', or \t \n \u000B \f \r, which are 9 to 13.
            boolean space = c == ' ' || (c >= '\t' && c <= '\r');
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
