package io.ultrafleet.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket on loopback, for what a well-behaved client cannot send: any bytes as the request
 * line, headers and body, sent at any pace. {@link #exchange} writes a whole request, half-closes the connection and
 * reads the answer to the end.
 */
final class RawHttp {
    private RawHttp() {}

    /** An answer as read from the wire: its status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String t = text();
            return status + " " + headers + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
        }
    }

    /** Opens a connection to the server on {@code port}, with a read timeout of {@code timeoutMs}. */
    static Socket connect(int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(timeoutMs);
        return s;
    }

    /**
     * Sends {@code request} as is, half-closes the connection and reads the first final answer (after any interim
     * {@code 1xx}); {@code null} when the server closed the connection without one.
     *
     * @throws SocketTimeoutException when no answer came within {@code timeoutMs}
     */
    static Answer exchange(int port, byte[] request, int timeoutMs) throws IOException {
        try (Socket s = connect(port, timeoutMs)) {
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before it has read everything (a 413, a 431): read what it said
            }
            return read(s.getInputStream());
        }
    }

    /** Reads one final answer from {@code in}; {@code null} when the stream ends before a status line. */
    static Answer read(InputStream in) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.merge(
                            h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            h.substring(colon + 1).strip(),
                            (a, b) -> a + ", " + b);
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            return new Answer(status, headers, body(in, headers));
        }
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("the chunked answer ended early");
                }
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    while ((size = line(in)) != null && !size.isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.write(in.readNBytes(n));
                line(in);
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.strip()));
        }
        return in.readAllBytes();
    }

    /** One line without its CR LF, or {@code null} at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A request: its request line, headers as given, and the body with a Content-Length. */
    static byte[] request(String method, String target, List<String[]> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        lines.add(method + " " + target + " HTTP/1.1");
        lines.add("Host: 127.0.0.1");
        for (String[] h : headers) {
            lines.add(h[0] + ": " + h[1]);
        }
        if (body != null) {
            lines.add("Content-Length: " + body.length);
        }
        for (String l : lines) {
            out.writeBytes(l.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
