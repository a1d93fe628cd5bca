package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.domain.FieldError;
import newsroom.domain.SafeText;
import newsroom.json.Json;

/**
 * Reads a JSON request body into a request record, refusing what is too big (before parsing),
 * not JSON, malformed, or carrying fields the API does not know.
 */
final class RequestBodies {
    static final int MAX_BYTES = 256 * 1024;

    private RequestBodies() {
    }

    /** For routes whose body may be left out: no body reads as an empty JSON object. */
    static <T> T readOptional(APIGatewayV2HTTPEvent event, Class<T> type) {
        if (event.getBody() == null || event.getBody().isEmpty()) {
            return Json.read("{}", type);
        }
        return read(event, type);
    }

    static <T> T read(APIGatewayV2HTTPEvent event, Class<T> type) {
        String contentType = header(event.getHeaders(), "content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the request body as application/json."));
        }
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is empty; a JSON object is required."));
        }
        // Base64 is 4 characters for 3 bytes; the limit is checked before decoding either way.
        long size = event.getIsBase64Encoded() ? (long) body.length() * 3 / 4 : body.length();
        if (size > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = event.getIsBase64Encoded() ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        T value;
        try {
            value = Json.mapper().readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new ApiException(Problem.ofFields(400, "unknown-field", "Unknown field",
                    "The field '" + field + "' is not part of this request.",
                    List.of(new FieldError(field, "is not a known field"))));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (Json.isUnsafeText(e)) {
                throw new ApiException(Problem.ofFields(400, "invalid-field", "Invalid field",
                        "The field '" + field + "' " + SafeText.PROBLEM + ".",
                        List.of(new FieldError(field, SafeText.PROBLEM))));
            }
            if (field.isEmpty()) {
                throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                        "The request body must be a JSON object."));
            }
            throw new ApiException(Problem.ofFields(400, "invalid-field", "Invalid field",
                    "The field '" + field + "' has the wrong type.",
                    List.of(new FieldError(field, "has the wrong type"))));
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e);
            if (duplicate != null) {
                throw new ApiException(Problem.ofFields(400, "duplicate-field", "Field given twice",
                        "The field '" + duplicate + "' is given more than once; send it once.",
                        List.of(new FieldError(duplicate, "is given more than once"))));
            }
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON" + where + "."));
        } catch (IOException e) {
            throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body could not be read."));
        }
        if (value == null) {
            throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is null; a JSON object is required."));
        }
        return value;
    }

    /** Jackson's strict duplicate detection names the field: "Duplicate field 'publish'". */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        int end = message.indexOf('\'', "Duplicate field '".length());
        return end < 0 ? null : message.substring("Duplicate field '".length(), end);
    }

    private static ApiException tooLarge() {
        return new ApiException(Problem.of(413, "payload-too-large", "Request body too large",
                "The request body must be at most " + MAX_BYTES / 1024 + " KB."));
    }

    private static byte[] decode(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid base64."));
        }
    }

    /** "contact.name", "tags[2]": where in the body the problem is. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .collect(Collectors.collectingAndThen(Collectors.toList(), l -> l.isEmpty() ? null : l.get(0)));
    }
}
