package newsroom.mail;

import java.util.Map;

/** One composed email, ready for a mailer: both HTML and plain text, and any extra headers. */
public record Email(String to, String subject, String html, String text, Map<String, String> headers) {
    public Email {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
