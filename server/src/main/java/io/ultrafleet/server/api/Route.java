package io.ultrafleet.server.api;

import io.javalin.http.Handler;

/**
 * One route of the API: what the OpenAPI description says of it and who may call it. Routes are registered from
 * this table and the description is made from it, so the two cannot drift apart.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
 * @param path the path, with {@code {name}} for path parameters
 * @param access who may call it
 * @param summary one line for the description
 * @param query the query parameters it reads
 * @param body a description of its request body, or null for none
 * @param headers the request headers it reads beyond the token ({@code Idempotency-Key}, {@code If-Match}...)
 * @param success the status of a successful answer
 */
public record Route(
        String method,
        String path,
        Access access,
        String summary,
        java.util.List<String> query,
        String body,
        java.util.List<String> headers,
        int success,
        Handler handler) {
    /** Who may call a route. */
    public enum Access {
        /** Anyone (health, readiness, metrics). */
        PUBLIC,
        /** Any valid token; a tenant's sees its own tenant's things only. */
        TOKEN,
        /** The admin token only; a tenant's gets 403. */
        ADMIN
    }

    public static Route of(String method, String path, Access access, String summary, int success, Handler h) {
        return new Route(method, path, access, summary, java.util.List.of(), null, java.util.List.of(), success, h);
    }

    public Route withQuery(String... names) {
        return new Route(method, path, access, summary, java.util.List.of(names), body, headers, success, handler);
    }

    public Route withBody(String description) {
        return new Route(method, path, access, summary, query, description, headers, success, handler);
    }

    public Route withHeaders(String... names) {
        return new Route(method, path, access, summary, query, body, java.util.List.of(names), success, handler);
    }

    /** The path as Javalin writes it: {@code {id}} stays {@code {id}}. */
    public String javalinPath() {
        return path;
    }
}
