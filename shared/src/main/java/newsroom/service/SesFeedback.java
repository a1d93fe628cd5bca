package newsroom.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsroom.domain.ContactStatus;
import newsroom.json.Json;
import newsroom.log.JsonLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DeliveryRepository;

/**
 * What SES reports about the emails it handled (through the configuration set's event destination,
 * an SNS topic): a permanent bounce or a complaint stops all further email to that address; a Send
 * event settles a delivery whose sender never reported back (the crash between send and record).
 * Reads both SES event publishing ({@code eventType}) and classic notifications
 * ({@code notificationType}).
 */
public final class SesFeedback {
    private static final JsonLog LOG = JsonLog.of(SesFeedback.class);

    /** What one SES message led to. */
    public record Outcome(String type, List<String> suppressed, boolean confirmedSend) {
    }

    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final Clock clock;

    public SesFeedback(ContactRepository contacts, DeliveryRepository deliveries, Clock clock) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Handles one SES event, the JSON text of an SNS message. */
    public Outcome handle(String message) {
        JsonNode event = Json.read(message, JsonNode.class);
        String type = event.has("eventType") ? event.path("eventType").asText() : event.path("notificationType").asText();
        List<String> suppressed = new ArrayList<>();
        boolean confirmed = false;
        switch (type) {
            case "Bounce" -> {
                if ("Permanent".equals(event.path("bounce").path("bounceType").asText())) {
                    event.path("bounce").path("bouncedRecipients").forEach(r ->
                            suppress(r.path("emailAddress").asText(), ContactStatus.BOUNCED, suppressed));
                }
            }
            case "Complaint" -> event.path("complaint").path("complainedRecipients").forEach(r ->
                    suppress(r.path("emailAddress").asText(), ContactStatus.COMPLAINED, suppressed));
            case "Send" -> {
                JsonNode tags = event.path("mail").path("tags");
                String release = first(tags, "release");
                String contact = first(tags, "contact");
                String kind = first(tags, "kind");
                if (release != null && contact != null && kind != null) {
                    deliveries.confirmSent(release, kind, contact, event.path("mail").path("messageId").asText(),
                            clock.instant());
                    confirmed = true;
                }
            }
            default -> LOG.info("SES event ignored", "eventType", type);
        }
        return new Outcome(type, suppressed, confirmed);
    }

    private void suppress(String address, ContactStatus status, List<String> suppressed) {
        String email = extractAddress(address);
        contacts.findByEmail(email).ifPresent(contact -> {
            contacts.setStatus(contact.id(), status);
            suppressed.add(contact.id());
            LOG.info("contact suppressed by SES feedback", "contactId", contact.id(), "status", status);
        });
    }

    /** "Jo Reporter <Jo@Paper.example>" → "jo@paper.example". */
    static String extractAddress(String address) {
        String a = address.strip();
        int open = a.lastIndexOf('<');
        int close = a.lastIndexOf('>');
        if (open >= 0 && close > open) {
            a = a.substring(open + 1, close);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static String first(JsonNode tags, String name) {
        JsonNode values = tags.path(name);
        if (values.isArray() && !values.isEmpty()) {
            return values.get(0).asText();
        }
        return values.isTextual() ? values.asText() : null;
    }
}
