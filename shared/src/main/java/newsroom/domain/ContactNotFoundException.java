package newsroom.domain;

/** No media contact has this id. */
public final class ContactNotFoundException extends RuntimeException {
    public ContactNotFoundException(String id) {
        super("There is no media contact with id " + id + ".", null, false, false);
    }
}
