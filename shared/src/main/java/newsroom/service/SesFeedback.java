package newsroom.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import newsroom.domain.ContactStatus;
import newsroom.json.Json;
import newsroom.log.JsonLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DeliveryRepository;

/**
 * What SES reports about the emails it handled (through the configuration set's event destination,
 * an SNS topic, and the queue subscribed to it): a permanent bounce or a complaint stops all further email to that address; a Send
 * event settles a delivery whose sender never reported back (the crash between send and record).
 * Reads both SES event publishing ({@code eventType}) and classic notifications
 * ({@code notificationType}).
 */
public final class SesFeedback {
    private static final JsonLog LOG = JsonLog.of(SesFeedback.class);

    /** What one SES message led to. */
    public record Outcome(String type, List<String> suppressed, boolean confirmedSend) {
    }

    /** SES allows tag values of 256 characters; ours (ids, kinds) are far shorter. */
    private static final int MAX_TAG = 256;

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
        JsonNode event = eventIn(message);
        String type = typeOf(event);
        if ("Send".equals(type)) {
            Optional<DeliveryRepository.Accepted> accepted = acceptedIn(event);
            accepted.ifPresent(a -> deliveries.confirmSent(a.releaseId(), a.deliveryKind(), a.contactId(),
                    a.messageId(), clock.instant()));
            return new Outcome(type, List.of(), accepted.isPresent());
        }
        return new Outcome(type, suppressFor(event, type), false);
    }

    /**
     * Handles a queue batch of SES events: for each, in order, why it failed (null when it went
     * well). The batch's Send events are settled together, in one read and only the writes still
     * needed ({@link DeliveryRepository#confirmAllSent}); a bounce or complaint is handled alone.
     */
    public List<RuntimeException> handleAll(List<String> messages) {
        List<RuntimeException> failures = new ArrayList<>(Collections.nCopies(messages.size(), null));
        List<DeliveryRepository.Accepted> sends = new ArrayList<>();
        List<Integer> sendsAt = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                JsonNode event = eventIn(messages.get(i));
                String type = typeOf(event);
                if ("Send".equals(type)) {
                    Optional<DeliveryRepository.Accepted> accepted = acceptedIn(event);
                    if (accepted.isPresent()) {
                        sends.add(accepted.get());
                        sendsAt.add(i);
                    }
                } else {
                    suppressFor(event, type);
                }
            } catch (RuntimeException e) {
                failures.set(i, e);
            }
        }
        if (!sends.isEmpty()) {
            try {
                deliveries.confirmAllSent(sends, clock.instant());
            } catch (RuntimeException e) {
                sendsAt.forEach(i -> failures.set(i, e));
            }
        }
        return failures;
    }

    /**
     * The SES event in a message: SES's own JSON (the queue's raw delivery), or that JSON inside an
     * SNS notification's {@code Message} (a subscription without raw delivery).
     */
    private static JsonNode eventIn(String message) {
        JsonNode event = message == null ? null : Json.read(message, JsonNode.class);
        if (event != null && "Notification".equals(event.path("Type").asText()) && event.path("Message").isTextual()) {
            event = Json.read(event.path("Message").asText(), JsonNode.class);
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not an SES event: not a JSON object");
        }
        return event;
    }

    private static String typeOf(JsonNode event) {
        return event.has("eventType") ? event.path("eventType").asText() : event.path("notificationType").asText();
    }

    /** The delivery a Send event settles: from the tags our sender put on the email, if they are ours. */
    private static Optional<DeliveryRepository.Accepted> acceptedIn(JsonNode event) {
        JsonNode tags = event.path("mail").path("tags");
        String release = first(tags, "release");
        String contact = first(tags, "contact");
        String kind = first(tags, "kind");
        String messageId = event.path("mail").path("messageId").asText("");
        if (ours(release) && ours(contact) && ours(kind) && ours(messageId)) {
            return Optional.of(new DeliveryRepository.Accepted(release, kind, contact, messageId));
        }
        return Optional.empty();
    }

    /** Our own tags are short; anything else (empty, or too long for a key) names no delivery of ours. */
    private static boolean ours(String tag) {
        return tag != null && !tag.isEmpty() && tag.length() <= MAX_TAG;
    }

    private List<String> suppressFor(JsonNode event, String type) {
        List<String> suppressed = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                if ("Permanent".equals(event.path("bounce").path("bounceType").asText())) {
                    event.path("bounce").path("bouncedRecipients").forEach(r ->
                            suppress(r.path("emailAddress").asText(), ContactStatus.BOUNCED, suppressed));
                }
            }
            case "Complaint" -> event.path("complaint").path("complainedRecipients").forEach(r ->
                    suppress(r.path("emailAddress").asText(), ContactStatus.COMPLAINED, suppressed));
            default -> LOG.info("SES event ignored", "eventType", type);
        }
        return suppressed;
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
