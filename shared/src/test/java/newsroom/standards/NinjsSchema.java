package newsroom.standards;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official IPTC ninjs 2.1 JSON Schema (copied unchanged into {@code schemas/}; see its
 * README there), compiled once for every test that checks a ninjs document.
 */
public final class NinjsSchema {
    private static final JsonSchema SCHEMA = load();

    private NinjsSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = NinjsSchema.class.getResourceAsStream("/schemas/ninjs-schema_2.1.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/ninjs-schema_2.1.json is not on the test class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with the document, as readable lines; empty when it is valid. */
    public static Set<String> violations(JsonNode document) {
        Set<String> lines = new TreeSet<>();
        for (ValidationMessage message : SCHEMA.validate(document)) {
            lines.add(message.getMessage());
        }
        return lines;
    }
}
