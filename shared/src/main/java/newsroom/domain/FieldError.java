package newsroom.domain;

/** One thing wrong with one field of a request, named so a client can point at it. */
public record FieldError(String field, String message) {
}
