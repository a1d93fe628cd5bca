package newsroom.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a press-office token allows, as OAuth scopes in the token's {@code scope} claim. */
public enum Scope {
    /** Drafts, attachments, previews. */
    EDITOR("newsroom/editor", "editors"),
    /** Publish, schedule, correct, withdraw. */
    PUBLISHER("newsroom/publisher", "publishers"),
    /** Media contacts and topics. */
    CONTACTS("newsroom/contacts", "contact-managers");

    private final String value;
    private final String group;

    Scope(String value, String group) {
        this.value = value;
        this.group = group;
    }

    public String value() {
        return value;
    }

    /** The sign-in group (the template's Cognito user pool) whose members hold this scope. */
    public String group() {
        return group;
    }

    public static Optional<Scope> fromGroup(String group) {
        return Arrays.stream(values()).filter(s -> s.group.equals(group)).findFirst();
    }

    public static Optional<Scope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
