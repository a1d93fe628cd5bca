package newsroom.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.domain.SafeText;

/**
 * Log lines, the small queue messages and the search files of our own, read and written with
 * jackson-core alone.
 * The first use of {@link Json}'s mapper loads and builds Jackson's object mapping, about 100 ms
 * of a fresh JVM at Lambda's settings against about 25 ms for this; a function whose first request
 * only logs and reads one of these messages never pays it. Reading is as strict as {@link Json#read}:
 * only the named fields, each once, strings (or lists of strings) of {@link SafeText}, nothing after.
 */
public final class LightJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Written as UTF-8, an emoji stays the character it is, as in text written as characters;
            // without this it would become two \\u escapes (the same JSON, less readable).
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** What {@link #textFields} keeps for a value that is not text. */
    public static final Object NOT_TEXT = new Object();

    private LightJson() {
    }

    /** What writes one object's fields. */
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * A parser as strict as {@link #read}: a field twice in one object is an error. For readers of
     * other shapes of our own messages (the mail queue's jobs).
     */
    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** The same, over bytes (a Lambda event, say). */
    public static JsonParser parser(java.io.InputStream json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** Whatever {@code value} writes: an array, say. */
    public static String value(Fields value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            value.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return out.toString();
    }

    /** One object, its fields written by {@code fields}. */
    public static String object(Fields fields) {
        return object(new StringWriter(256), fields).toString();
    }

    /** The same, written to {@code out}, which it returns. */
    public static <W extends java.io.Writer> W object(W out, Fields fields) {
        try {
            object(FACTORY.createGenerator(out), fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return out;
    }

    /**
     * The same, written as UTF-8 straight to {@code out}, which it returns: no characters between,
     * for what is stored as bytes (a release's ninjs beside its page, thousands in a rebuild).
     */
    public static <O extends OutputStream> O object(O out, Fields fields) {
        try {
            object(FACTORY.createGenerator(out, JsonEncoding.UTF8), fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return out;
    }

    private static void object(JsonGenerator generator, Fields fields) throws IOException {
        try (JsonGenerator json = generator) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        }
    }

    /**
     * Plain data as the mapper writes it: text, whole numbers, booleans, null, and lists and
     * string-keyed maps of those (in their own order, a null field left out). Signed-link payloads and SES's
     * per-recipient values are such.
     *
     * @throws IllegalArgumentException for anything else (the mapper is for that)
     */
    public static String plain(Object value) {
        return value(json -> plain(json, value));
    }

    private static void plain(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof java.util.Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                plain(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("not plain data: a key that is not text");
                }
                if (entry.getValue() == null) {
                    continue; // as the mapper leaves out a null field
                }
                json.writeFieldName(name);
                plain(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("not plain data: " + value.getClass().getSimpleName());
        }
    }

    /**
     * Plain data of our own (the site's search files, say) read back: objects as maps in the order
     * read, arrays as lists, text, whole numbers (an {@code Integer} where one holds it, else a
     * {@code Long}), other numbers as {@code Double}, booleans and null, as the mapper reads them
     * into {@code Object}. A field twice, or anything after the value, refuses it.
     *
     * @throws IllegalArgumentException naming {@code what} when it is not one such JSON value
     */
    public static Object readPlain(byte[] json, String what) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw refused(what);
            }
            Object value = plainValue(parser, what);
            if (parser.nextToken() != null) {
                throw refused(what);
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " from JSON", e);
        }
    }

    private static Object plainValue(JsonParser parser, String what) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, plainValue(parser, what));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(plainValue(parser, what));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw refused(what);
        }
    }

    /**
     * One object of text fields, by name in the order read, as strictly as the mapper reads a
     * tree: a field twice, or anything after the object, refuses it. A value that is not text
     * is kept as {@link #NOT_TEXT}, for the caller to name in its own refusal.
     *
     * @throws IllegalArgumentException when it is not one JSON object
     */
    public static Map<String, Object> textFields(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                    fields.put(name, NOT_TEXT);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("not one JSON object");
            }
            return fields;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    /**
     * One object whose fields are among {@code strings} (text or null) and {@code lists} (arrays of
     * text, or null), by name; null for a JSON {@code null}.
     *
     * @throws IllegalArgumentException naming {@code what} for anything else
     */
    public static Map<String, Object> read(String json, String what, Set<String> strings, Set<String> lists) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL && parser.nextToken() == null) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw refused(what);
            }
            Map<String, Object> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (strings.contains(name) && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
                    fields.put(name, value == JsonToken.VALUE_NULL ? null : text(parser, what));
                } else if (lists.contains(name) && value == JsonToken.VALUE_NULL) {
                    fields.put(name, null);
                } else if (lists.contains(name) && value == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        items.add(text(parser, what));
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        throw refused(what);
                    }
                    fields.put(name, items);
                } else {
                    throw refused(what);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw refused(what);
            }
            return fields;
        } catch (IOException e) {
            // Not JSON, a field twice, or cut short.
            throw new IllegalArgumentException("cannot read " + what + " from JSON", e);
        }
    }

    private static String text(JsonParser parser, String what) throws IOException {
        String text = parser.getText();
        if (!SafeText.isSafe(text)) {
            throw refused(what);
        }
        return text;
    }

    private static IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("cannot read " + what + " from JSON");
    }
}
