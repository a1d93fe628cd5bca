package newsroom.domain;

/**
 * The caller's scopes do not allow this change to the release in the state it is in now (read in
 * the same step as the write): changing a scheduled or published release takes the publisher.
 */
public final class ScopeRequiredException extends RuntimeException {
    private final Scope needed;

    public ScopeRequiredException(Scope needed, String why) {
        super(why, null, false, false);
        this.needed = needed;
    }

    public Scope needed() {
        return needed;
    }
}
