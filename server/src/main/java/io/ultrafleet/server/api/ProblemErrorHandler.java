package io.ultrafleet.server.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, of requests that never reach a route (a request line or header that is not HTTP, headers over
 * {@link ApiServer#MAX_HEADERS}, an address that cannot be decoded), answered as problem details like every other error
 * instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
    /** A Java name or an exception's name, which Jetty's reasons sometimes carry and users should not read. */
    private static final Pattern JAVA_WORDS =
            Pattern.compile("(?:[a-z_$][\\w$]*\\.){2,}[A-Z][\\w$]*|Exception|Throwable");

    private final IntConsumer counted;

    /** @param counted told the status of each refusal, for the metrics */
    ProblemErrorHandler(IntConsumer counted) {
        this.counted = counted;
    }

    /** Every method gets its problem details, not only GET, POST and HEAD as in Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        if (code == 505) {
            // a request line that is not HTTP/1.x is the client's error, not the server's: not a 5xx
            code = 400;
            message = "the request line must be 'METHOD PATH HTTP/1.1'";
            response.setStatus(code);
        }
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        byte[] body = body(status, reason);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body);
    }

    private byte[] body(int status, String reason) {
        counted.accept(status);
        try {
            return Json.MAPPER.writeValueAsBytes(problem(status, reason));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The problem for a request whose body could not be read (it ended before its length, its chunks are not valid,
     * it stopped arriving), or {@code null} when {@code e} is something else: the client's fault, not the server's.
     */
    static Problem unreadable(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                String why = clean(h.getReason());
                return Problem.of(
                        h.getCode(),
                        title(h.getCode()),
                        h.getCode() == 413
                                ? "the request body is over 1 MiB"
                                : "the request body could not be read" + (why == null ? "" : ": " + why));
            }
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return Problem.of(400, "Bad request", "the request body ended before its announced end");
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return Problem.of(
                        408,
                        "Request timeout",
                        "the request body stopped arriving for " + ApiServer.IDLE_TIMEOUT_MS / 1000 + " s");
            }
        }
        return null;
    }

    private static String title(int status) {
        String title = HttpStatus.getMessage(status);
        return title.isEmpty() ? "Error" : title.charAt(0) + title.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String clean(String reason) {
        return reason == null || reason.isBlank() || JAVA_WORDS.matcher(reason).find() ? null : reason.strip();
    }

    /** The problem for Jetty's {@code status} and {@code reason}. */
    static Problem problem(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        title = title.isEmpty() ? "Error" : title.charAt(0) + title.substring(1).toLowerCase(Locale.ROOT);
        String why =
                reason == null || reason.isBlank() || JAVA_WORDS.matcher(reason).find() ? null : reason.strip();
        String detail = switch (status) {
            case 400 -> "the request is not valid HTTP" + (why == null ? "" : ": " + why);
            case 414 -> "the request's address is over " + ApiServer.MAX_HEADERS / 1024 + " KiB";
            case 431 -> "the request's headers are over " + ApiServer.MAX_HEADERS / 1024 + " KiB";
            case 413 -> "the request body is over 1 MiB";
            case 505 -> "the HTTP version is not supported; use HTTP/1.1";
            default -> why == null ? title.toLowerCase(Locale.ROOT) : why;
        };
        return Problem.of(status, title, detail);
    }
}
