package io.ultrafleet.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON as the API writes it: camelCase fields, instants as ISO-8601 text, lists as {@code {items, next}}. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private Json() {}

    /** Writes {@code value} as the answer, with {@code status}. */
    public static void answer(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of a list: its items and the cursor of the next page, or null at the end. */
    public static Map<String, Object> page(List<?> items, String next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", next);
        return out;
    }

    /** The server's time {@code t} as an ISO-8601 instant, given the scenario's start; null stays null. */
    public static String instant(long epochMs, Long t) {
        return t == null ? null : Instant.ofEpochMilli(epochMs + t).toString();
    }
}
