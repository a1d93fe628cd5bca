package newsroom.domain;

/** The two-person rule is on and the publisher wrote the release. */
public final class TwoPersonRuleException extends RuntimeException {
    public TwoPersonRuleException() {
        super("With the two-person rule on, a release must be published by someone other than its author.",
                null, false, false);
    }
}
