package newsroom.domain;

/** No release has this id (or it was a draft that has been deleted). */
public final class ReleaseNotFoundException extends RuntimeException {
    public ReleaseNotFoundException(String id) {
        super("There is no release with id " + id + ".", null, false, false);
    }
}
