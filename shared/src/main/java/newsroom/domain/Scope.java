package newsroom.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a press-office token allows, as OAuth scopes in the token's {@code scope} claim. */
public enum Scope {
    /** Drafts, attachments, previews. */
    EDITOR("newsroom/editor"),
    /** Publish, schedule, correct, withdraw. */
    PUBLISHER("newsroom/publisher"),
    /** Media contacts and topics. */
    CONTACTS("newsroom/contacts");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
