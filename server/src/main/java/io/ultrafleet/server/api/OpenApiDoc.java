package io.ultrafleet.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3 description of the API, made from the route table the server registers. */
public final class OpenApiDoc {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private OpenApiDoc() {}

    public static ObjectNode of(List<Route> routes, String version) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Ultrafleet control plane");
        info.put("version", version);
        info.put(
                "description",
                "Submit jobs to the Ultrafleet scheduler, follow them, and manage queues, racks and tokens. Every"
                        + " /v1 route needs 'Authorization: Bearer TOKEN'. Errors are application/problem+json"
                        + " (RFC 9457). Lists answer {items, next}; pass next back as 'after'.");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode problem = components.putObject("schemas").putObject("Problem");
        problem.put("type", "object");
        ObjectNode props = problem.putObject("properties");
        for (String f : List.of("type", "title", "detail", "field")) {
            props.putObject(f).put("type", "string");
        }
        props.putObject("status").put("type", "integer");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = path.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
            op.put("summary", r.summary());
            op.put("operationId", operationId(r));
            if (r.access() != Route.Access.PUBLIC) {
                op.putArray("security").addObject().putArray("bearer");
            }
            if (r.access() == Route.Access.ADMIN) {
                op.put("description", "Admin token only; a tenant's token gets 403.");
            }
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) {
                ObjectNode p = params.addObject();
                p.put("name", m.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            for (String q : r.query()) {
                ObjectNode p = params.addObject();
                p.put("name", q);
                p.put("in", "query");
                p.put("required", false);
                p.putObject("schema").put("type", q.equals("limit") ? "integer" : "string");
            }
            for (String h : r.headers()) {
                ObjectNode p = params.addObject();
                p.put("name", h);
                p.put("in", "header");
                p.put("required", false);
                p.putObject("schema").put("type", "string");
            }
            if (r.body() != null) {
                ObjectNode body = op.putObject("requestBody");
                body.put("required", true);
                body.put("description", r.body());
                body.putObject("content")
                        .putObject("application/json")
                        .putObject("schema")
                        .put("type", "object");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject(Integer.toString(r.success())).put("description", "success");
            for (int status : errors(r)) {
                responses
                        .putObject(Integer.toString(status))
                        .put("description", "problem")
                        .putObject("content")
                        .putObject("application/problem+json")
                        .putObject("schema")
                        .put("$ref", "#/components/schemas/Problem");
            }
        }
        return doc;
    }

    private static List<Integer> errors(Route r) {
        if (r.access() == Route.Access.PUBLIC) {
            return List.of();
        }
        List<Integer> errors = new java.util.ArrayList<>(
                r.access() == Route.Access.ADMIN
                        ? List.of(400, 401, 403, 404, 409, 413, 429)
                        : List.of(400, 401, 404, 413, 429));
        if (r.headers().contains("If-Match")) {
            errors.add(412);
            errors.sort(null);
        }
        return errors;
    }

    private static String operationId(Route r) {
        StringBuilder b = new StringBuilder(r.method().toLowerCase(java.util.Locale.ROOT));
        for (String part : r.path().split("/")) {
            if (part.isEmpty() || part.equals("v1")) {
                continue;
            }
            String word = part.replace("{", "").replace("}", "");
            b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return b.toString();
    }
}
