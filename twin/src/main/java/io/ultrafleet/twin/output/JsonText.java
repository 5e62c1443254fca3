package io.ultrafleet.twin.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Ultrafleet's JSON layout for files people read and tools diff: two-space indent, one field per line, {@code
 * "key": value}, decimals in plain notation, a final newline.
 */
public final class JsonText {
    /** Writes one JSON document with the generator it is given. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {}

    public static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace(" : ", ": ") + "\n";
    }
}
