package io.ultrafleet.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer as RFC 9457 problem details ({@code application/problem+json}): the status, a short title, a detail
 * in the user's words and, for a bad field of a request body, the field's path (as the scenario reader names fields:
 * {@code topology.required}).
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, Long retryAfterSeconds) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The type of a submission refused because a limit on live jobs is reached. */
    public static final String TOO_MANY_JOBS = "https://ultrafleet.io/problems/too-many-jobs";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public static Problem badField(String field, String detail) {
        return new Problem("https://ultrafleet.io/problems/bad-field", "Bad request", 400, detail, field, null);
    }
}
