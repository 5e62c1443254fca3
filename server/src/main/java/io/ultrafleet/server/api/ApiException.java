package io.ultrafleet.server.api;

/** Stops handling a request with an answer in problem details; nothing the request asked for was stored. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Problem.of(400, "Bad request", detail));
    }

    /** A bad request body, query or header: {@code field} names where (null when the body as a whole is bad). */
    public static ApiException badField(String field, String detail) {
        return new ApiException(
                field == null ? Problem.of(400, "Bad request", detail) : Problem.badField(field, detail));
    }

    /**
     * A request body the scenario's readers refused: the problem names its field, or, when the body as a whole is bad
     * (JSON that does not parse), says where in the body reading stopped.
     */
    public static ApiException badBody(io.ultrafleet.spec.ScenarioException e) {
        if (!e.field().isEmpty()) {
            return badField(e.field(), e.detail());
        }
        String at = "line " + e.line() + ", column " + e.column() + " of the body";
        String json = "invalid JSON: ";
        return badField(
                null,
                e.detail().startsWith(json)
                        ? "invalid JSON at " + at + ": " + e.detail().substring(json.length())
                        : e.detail() + " (" + at + ")");
    }

    /** The object does not exist, or belongs to another tenant: the two are not told apart. */
    public static ApiException notFound(String what) {
        return new ApiException(Problem.of(404, "Not found", what + " not found"));
    }

    /** Not found, and why: {@code rack 2000 not found: the fleet has racks 0 to 4 so far...}. */
    public static ApiException notFound(String what, String why) {
        return new ApiException(Problem.of(404, "Not found", what + " not found: " + why));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(Problem.of(401, "Unauthorized", detail));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "Forbidden", detail));
    }

    /** A request the server understood and cannot carry out as it stands (422). */
    public static ApiException unprocessable(String detail) {
        return new ApiException(Problem.of(422, "Unprocessable content", detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "Conflict", detail));
    }

    /** The request's precondition ({@code If-Match}, {@code If-None-Match}) does not hold: nothing was changed. */
    public static ApiException preconditionFailed(String detail) {
        return new ApiException(Problem.of(412, "Precondition failed", detail));
    }

    /** A submission past a limit on live jobs: nothing was stored; try again as jobs end. */
    public static ApiException tooManyJobs(String detail) {
        return new ApiException(new Problem(Problem.TOO_MANY_JOBS, "Too many jobs", 429, detail, null, 60L));
    }

    /** The database cannot be reached now: try again after {@code seconds}. */
    public static ApiException unavailable(String detail, long seconds) {
        return new ApiException(new Problem("about:blank", "Service unavailable", 503, detail, null, seconds));
    }
}
