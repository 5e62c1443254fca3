package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.live.QueuePrecondition;
import java.util.ArrayList;
import java.util.List;

/**
 * A change's preconditions from its request's headers: {@code If-Match} (a list of entity tags, or {@code *}) and
 * {@code If-None-Match: *} (RFC 9110, section 13.1). A tag is compared strongly: a weak tag ({@code W/"..."}) never
 * matches.
 */
final class Preconditions {
    private Preconditions() {}

    static QueuePrecondition of(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        String ifNoneMatch = ctx.header("If-None-Match");
        boolean mustBeNew = false;
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.strip().equals("*")) {
                throw ApiException.badField(
                        "If-None-Match",
                        "header 'If-None-Match': found '" + Cursor.shorten(ifNoneMatch)
                                + "', allowed '*' (change nothing if the queue exists already)");
            }
            mustBeNew = true;
        }
        return new QueuePrecondition(ifMatch == null ? null : tags(ifMatch), mustBeNew);
    }

    /** The tags of an {@code If-Match} header: {@code *} alone, or quoted tags separated by commas. */
    static List<String> tags(String header) {
        String h = header.strip();
        if (h.equals("*")) {
            return List.of("*");
        }
        List<String> tags = new ArrayList<>();
        int i = 0;
        while (i < h.length()) {
            int start = i;
            if (h.startsWith("W/", i)) {
                i += 2;
            }
            int close = i < h.length() && h.charAt(i) == '"' ? h.indexOf('"', i + 1) : -1;
            if (close < 0 || h.substring(i + 1, close).chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                throw badIfMatch(header);
            }
            tags.add(h.substring(start, close + 1));
            i = close + 1;
            while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == '\t')) {
                i++;
            }
            if (i < h.length()) {
                if (h.charAt(i) != ',') {
                    throw badIfMatch(header);
                }
                i++;
                while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == '\t')) {
                    i++;
                }
                if (i == h.length()) {
                    throw badIfMatch(header);
                }
            }
        }
        if (tags.isEmpty()) {
            throw badIfMatch(header);
        }
        return tags;
    }

    private static ApiException badIfMatch(String header) {
        return ApiException.badField(
                "If-Match",
                "header 'If-Match': found '" + Cursor.shorten(header)
                        + "', allowed '*' or entity tags in double quotes,"
                        + " separated by commas, as the queue's ETag gives them (such as \"q-0123456789abcdef0123\")");
    }
}
