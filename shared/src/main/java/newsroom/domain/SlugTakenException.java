package newsroom.domain;

/** Another release already owns this slug; the caller may try the next one. */
public final class SlugTakenException extends RuntimeException {
    public SlugTakenException(String slug) {
        super("slug already taken: " + slug);
    }
}
