package newsroom.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import newsroom.domain.Release;

/**
 * schema.org NewsArticle metadata for a release page. It sits in a script element, so every
 * character that could end that element or start markup ({@code < > &} and quotes) is written as a
 * JSON unicode escape: release text can never break out of it.
 */
final class JsonLd {
    /** jackson-core alone: a page's first render does not start the object mapping (see LightJson). */
    private static final JsonFactory FACTORY = new JsonFactory();
    /** The escapes for the characters above, made once: every URL's slashes need them. */
    private static final SerializableString[] CUSTOM = new SerializableString[128];

    static {
        FACTORY.setCharacterEscapes(new CharacterEscapes() {
            private final int[] escapes;

            {
                escapes = standardAsciiEscapesForJSON();
                for (char c : new char[] {'<', '>', '&', '\'', '/'}) {
                    escapes[c] = ESCAPE_CUSTOM;
                    CUSTOM[c] = new SerializedString(String.format("\\u%04x", (int) c));
                }
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return escapes;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return ch < CUSTOM.length && CUSTOM[ch] != null ? CUSTOM[ch]
                        : new SerializedString(String.format("\\u%04x", ch));
            }
        });
    }

    private JsonLd() {
    }

    static String newsArticle(Release release, String url, String imageUrl, String siteName) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("@context", "https://schema.org");
            json.writeStringField("@type", "NewsArticle");
            json.writeStringField("headline", release.title());
            if (release.summary() != null) {
                json.writeStringField("description", release.summary());
            }
            json.writeStringField("datePublished", release.publishedAt().toString());
            json.writeStringField("dateModified", release.updatedAt().toString());
            json.writeStringField("articleSection", release.category());
            if (!release.tags().isEmpty()) {
                json.writeStringField("keywords", String.join(", ", release.tags()));
            }
            json.writeStringField("url", url);
            json.writeStringField("mainEntityOfPage", url);
            if (imageUrl != null) {
                json.writeArrayFieldStart("image");
                json.writeString(imageUrl);
                json.writeEndArray();
            }
            organisation(json, "author", siteName);
            organisation(json, "publisher", siteName);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void organisation(JsonGenerator json, String field, String siteName) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("@type", "GovernmentOrganization");
        json.writeStringField("name", siteName);
        json.writeEndObject();
    }
}
