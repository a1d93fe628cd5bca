package newsroom.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.json.Json;

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
        return Json.write(release.status() == ReleaseStatus.WITHDRAWN ? canceled(release, pageUrl)
                : item(release, pageUrl, files, "usable", null, bodyHtml));
    }

    /** An embargoed advance copy: withheld until the embargo time. */
    public String embargoed(Release release, String pageUrl, List<File> files) {
        return Json.write(item(release, pageUrl, files, "withheld", release.embargoUntil(), null));
    }

    static String uri(Release release) {
        return "urn:uuid:" + release.id();
    }

    private Map<String, Object> head(Release release, String pubstatus) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("uri", uri(release));
        item.put("standard", Map.of("name", "ninjs", "version", "2.1", "schema", SCHEMA));
        item.put("type", "text");
        item.put("version", Integer.toString(release.changes().size() + 1));
        item.put("firstcreated", release.publishedAt() == null ? release.createdAt().toString()
                : release.publishedAt().toString());
        item.put("versioncreated", versionCreated(release).toString());
        item.put("pubstatus", pubstatus);
        item.put("language", LANGUAGE);
        return item;
    }

    /** When the version this object shows came to be: the last update, or the publication. */
    private static Instant versionCreated(Release release) {
        if (release.withdrawal() != null) {
            return release.withdrawal().at();
        }
        return release.lastChange().map(c -> c.at())
                .orElse(release.publishedAt() == null ? release.updatedAt() : release.publishedAt());
    }

    private Map<String, Object> item(Release release, String pageUrl, List<File> files, String pubstatus,
                                     Instant embargoed, String bodyHtml) {
        Map<String, Object> item = head(release, pubstatus);
        if (embargoed != null) {
            item.put("embargoed", embargoed.toString());
        }
        item.put("representationtype", "full");
        item.put("headlines", List.of(Map.of("role", "main", "contenttype", "text/plain", "value", release.title())));
        if (release.summary() != null && !release.summary().isBlank()) {
            item.put("descriptions", List.of(Map.of("role", "summary", "contenttype", "text/plain",
                    "value", release.summary())));
        }
        String text = Markdown.toText(release.body());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", "main");
        body.put("contenttype", "text/html");
        body.put("charcount", text.length());
        body.put("wordcount", wordCount(text));
        body.put("value", bodyHtml != null ? bodyHtml : markdown.toHtml(release.body()));
        item.put("bodies", List.of(body));
        List<Map<String, Object>> subjects = new ArrayList<>();
        subjects.add(Map.of("name", release.category(), "rel", "category"));
        release.tags().forEach(tag -> subjects.add(Map.of("name", tag, "rel", "tag")));
        item.put("subjects", subjects);
        item.put("by", organisation);
        item.put("copyrightholder", organisation);
        item.put("infosources", List.of(Map.of("name", organisation, "role", "originator")));
        item.put("renditions", List.of(Map.of("name", "page", "href", pageUrl, "contenttype", "text/html")));
        if (!files.isEmpty()) {
            List<Map<String, Object>> associations = new ArrayList<>();
            for (File file : files) {
                Map<String, Object> association = new LinkedHashMap<>();
                association.put("name", file.fileName());
                association.put("uri", "urn:uuid:" + file.id());
                association.put("type", file.contentType().startsWith("image/") ? "picture" : "component");
                association.put("renditions", List.of(Map.of("name", "original", "href", file.href(),
                        "contenttype", file.contentType(), "sizeinbytes", file.size())));
                associations.add(association);
            }
            item.put("associations", associations);
        }
        return item;
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
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private Map<String, Object> canceled(Release release, String pageUrl) {
        Map<String, Object> item = head(release, "canceled");
        item.put("representationtype", "partial");
        item.put("headlines", List.of(Map.of("role", "main", "contenttype", "text/plain", "value", release.title())));
        if (release.withdrawal() != null && release.withdrawal().reason() != null) {
            item.put("ednote", "Withdrawn: " + release.withdrawal().reason());
        }
        item.put("renditions", List.of(Map.of("name", "page", "href", pageUrl, "contenttype", "text/html")));
        return item;
    }
}
