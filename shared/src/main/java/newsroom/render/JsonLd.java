package newsroom.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Release;

/**
 * schema.org NewsArticle metadata for a release page. It sits in a script element, so every
 * character that could end that element or start markup ({@code < > &} and quotes) is written as a
 * JSON unicode escape: release text can never break out of it.
 */
final class JsonLd {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The escapes for the characters above, made once: every URL's slashes need them. */
    private static final SerializableString[] CUSTOM = new SerializableString[128];

    static {
        MAPPER.getFactory().setCharacterEscapes(new CharacterEscapes() {
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
        Map<String, Object> organisation = Map.of("@type", "GovernmentOrganization", "name", siteName);
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("@context", "https://schema.org");
        article.put("@type", "NewsArticle");
        article.put("headline", release.title());
        if (release.summary() != null) {
            article.put("description", release.summary());
        }
        article.put("datePublished", release.publishedAt().toString());
        article.put("dateModified", release.updatedAt().toString());
        article.put("articleSection", release.category());
        if (!release.tags().isEmpty()) {
            article.put("keywords", String.join(", ", release.tags()));
        }
        article.put("url", url);
        article.put("mainEntityOfPage", url);
        if (imageUrl != null) {
            article.put("image", List.of(imageUrl));
        }
        article.put("author", organisation);
        article.put("publisher", organisation);
        try {
            return MAPPER.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
