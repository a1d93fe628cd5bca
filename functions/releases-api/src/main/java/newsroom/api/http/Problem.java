package newsroom.api.http;

import java.util.List;
import newsroom.domain.FieldError;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented in the README; {@code errors}
 * names the fields at fault, when there are any.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String TYPE_PREFIX = "/problems/";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, null);
    }

    public static Problem ofFields(int status, String type, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, List.copyOf(errors));
    }
}
