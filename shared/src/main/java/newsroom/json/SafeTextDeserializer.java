package newsroom.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import newsroom.domain.SafeText;

/** Every string read from JSON must be {@link SafeText}; anything else is refused where it stands. */
final class SafeTextDeserializer extends StdScalarDeserializer<String> {
    /** A string that is not safe text; the path to the field is filled in as it is thrown. */
    static final class UnsafeTextException extends MismatchedInputException {
        UnsafeTextException(JsonParser parser) {
            super(parser, SafeText.PROBLEM, String.class);
        }
    }

    SafeTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (!SafeText.isSafe(value)) {
            throw new UnsafeTextException(parser);
        }
        return value;
    }
}
