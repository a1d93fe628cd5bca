package newsroom.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the sent-mail list that MiniStack ({@code /_ministack/ses/messages}: messages grouped by
 * account, with Source, To, Subject, BodyText, BodyHtml) and LocalStack ({@code /_aws/ses}: Source,
 * Destination, Subject, Body) keep; fields are read leniently to take either shape.
 */
final class SesMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SesMessages() {
    }

    static List<SentEmail> fetch(URI listUri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(listUri).GET()
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator mail list answered " + response.statusCode());
            }
            return parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the emulator's mail list", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static List<SentEmail> parse(JsonNode root) {
        List<JsonNode> messages = new ArrayList<>();
        collect(root.path("messages"), messages);
        List<SentEmail> out = new ArrayList<>();
        for (JsonNode m : messages) {
            List<String> to = new ArrayList<>();
            JsonNode destination = first(m, "Destination", "destination");
            JsonNode toNode = destination == null ? first(m, "To", "to") : first(destination, "ToAddresses", "to_addresses");
            if (toNode != null && toNode.isArray()) {
                toNode.forEach(t -> to.add(t.asText()));
            } else if (toNode != null && toNode.isTextual()) {
                to.add(toNode.asText());
            }
            JsonNode body = first(m, "Body", "body");
            out.add(new SentEmail(
                    text(m, "Id", "MessageId", "messageId", "message_id"),
                    text(m, "Source", "From", "FromEmailAddress", "from"),
                    to,
                    text(m, "Subject", "subject"),
                    body == null ? text(m, "BodyHtml", "html", "Html") : text(body, "html_part", "Html", "html"),
                    body == null ? text(m, "BodyText", "text", "Text") : text(body, "text_part", "Text", "text")));
        }
        return out;
    }

    /** Messages may be a list, or lists grouped by account or region. */
    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isObject() && (n.has("Destination") || n.has("destination") || n.has("To")
                        || n.has("Subject") || n.has("subject"))) {
                    into.add(n);
                } else {
                    collect(n, into);
                }
            });
        } else if (node.isObject()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), into);
            }
        }
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            JsonNode data = first(value, "Data", "data");
            return data == null ? value.toString() : data.asText();
        }
        return value.asText();
    }
}
