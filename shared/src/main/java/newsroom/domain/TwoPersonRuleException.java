package newsroom.domain;

/** The two-person rule is on and the publisher wrote the release. */
public final class TwoPersonRuleException extends RuntimeException {
    public TwoPersonRuleException() {
        this("With the two-person rule on, a release must be published by someone other than its author"
                + " and its last editor.");
    }

    public TwoPersonRuleException(String message) {
        super(message, null, false, false);
    }
}
