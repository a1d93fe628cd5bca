package newsroom.service.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.render.Email;

/** Sends email and returns the provider's message ids. */
public interface Mailer {

    /**
     * Sends the email. Throws {@link Rejected} when the provider definitely did not take it; any
     * other failure (a timeout, a reset connection, a server error) leaves it unknown whether the
     * email went, and must not be taken as "not sent".
     */
    String send(Email email);

    /** The most recipients one bulk send takes (SES's limit for SendBulkEmail). */
    int BULK_MAX = 50;

    /**
     * Sends one content to many: {@code template} with each recipient's own values put in where
     * it says {@code {{name}}} (in its subject, bodies and header values). The answers come in the
     * recipients' order. By default one email at a time through {@link #send}; a provider with a
     * bulk call sends them together.
     */
    default List<Sent> sendBulk(Email template, List<Recipient> recipients) {
        List<Sent> answers = new ArrayList<>();
        for (Recipient recipient : recipients) {
            try {
                answers.add(Sent.ok(send(recipient.fill(template))));
            } catch (RuntimeException e) {
                answers.add(Sent.failed(e));
            }
        }
        return answers;
    }

    /** One recipient of a bulk send: the address, the values for the template, and the email's tags. */
    record Recipient(String to, Map<String, String> values, Map<String, String> tags) {
        public Recipient {
            values = Map.copyOf(values);
            tags = Map.copyOf(tags);
        }

        /** The template with this recipient's values put in, addressed and tagged for them. */
        public Email fill(Email template) {
            Map<String, String> headers = new LinkedHashMap<>();
            template.headers().forEach((name, value) -> headers.put(name, fill(value)));
            return new Email(to, fill(template.subject()), fill(template.html()), fill(template.text()), headers, tags);
        }

        public String fill(String text) {
            if (text == null) {
                return null;
            }
            String filled = text;
            for (Map.Entry<String, String> value : values.entrySet()) {
                filled = filled.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            return filled;
        }
    }

    /**
     * What became of one recipient of a bulk send: SES's message id, or the failure, which is a
     * {@link Rejected} when it definitely was not sent and anything else when that is unknown.
     */
    record Sent(String messageId, RuntimeException failure) {
        public static Sent ok(String messageId) {
            return new Sent(messageId, null);
        }

        public static Sent failed(RuntimeException failure) {
            return new Sent(null, failure);
        }
    }

    /** The provider answered, and refused the email: it was not sent, and sending again is safe. */
    class Rejected extends RuntimeException {
        private final String reason;

        public Rejected(String reason, Throwable cause) {
            super("the email was refused: " + reason, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
