package newsroom.render;

import java.util.Map;

/**
 * One composed email, ready for a mailer: HTML and plain text, extra headers, and tags that SES
 * echoes in its sending events (the delivery they belong to).
 */
public record Email(String to, String subject, String html, String text, Map<String, String> headers,
                    Map<String, String> tags) {
    public Email {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Email(String to, String subject, String html, String text, Map<String, String> headers) {
        this(to, subject, html, text, headers, Map.of());
    }

    public Email withTags(Map<String, String> newTags) {
        return new Email(to, subject, html, text, headers, newTags);
    }
}
