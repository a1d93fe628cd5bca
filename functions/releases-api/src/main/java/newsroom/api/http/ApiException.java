package newsroom.api.http;

/** A request the API answers with a problem: the caller's mistake, or a state it must resolve. */
public final class ApiException extends RuntimeException {
    private final Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
