package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What ends a command, as its user sees it: one line, an exit status, and for a bug the file with its trace. */
class ErrorHandlerTest {
    @TempDir
    Path tmp;

    private record Handled(int status, String err) {}

    private Handled handle(Throwable t, boolean debug) {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int status = new ErrorHandler(debug, tmp).handle(t, cl);
        return new Handled(status, err.toString());
    }

    @Test
    void aBugIsOneLineNamingTheFileWithItsTrace() throws IOException {
        Handled h = handle(new IllegalStateException("index 7 out of bounds"), false);
        assertThat(h.status()).isEqualTo(1);
        assertThat(h.err())
                .hasLineCount(1)
                .startsWith("error: internal error: ")
                .doesNotContain("Exception");
        Matcher m = Pattern.compile("the trace in (\\S+)\\)").matcher(h.err());
        assertThat(m.find()).isTrue();
        Path trace = Path.of(m.group(1));
        assertThat(trace.getParent()).isEqualTo(tmp);
        assertThat(Files.readString(trace))
                .contains("IllegalStateException: index 7 out of bounds")
                .contains("at io.ultrafleet.cli.ErrorHandlerTest");
    }

    @Test
    void withDebugTheTraceIsPrintedToo() {
        Handled h = handle(new IllegalStateException("boom"), true);
        assertThat(h.err()).contains("error: internal error: ").contains("IllegalStateException: boom");
    }

    @Test
    void runningOutOfMemorySaysHowToGiveMore() {
        Handled h = handle(new OutOfMemoryError("Java heap space"), false);
        assertThat(h.status()).isEqualTo(1);
        assertThat(h.err()).hasLineCount(1).contains("out of memory").contains("ULTRAFLEET_JAVA_OPTS=-Xmx");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamedWithTheReason() {
        Handled h = handle(new AccessDeniedException("/runs/x/summary.json"), false);
        assertThat(h.status()).isEqualTo(1);
        assertThat(h.err()).isEqualTo("error: /runs/x/summary.json: permission denied\n");
    }

    @Test
    void aStopEndsWith130() {
        Handled h = handle(new StopSignal.Stopped(), false);
        assertThat(h.status()).isEqualTo(130);
        assertThat(h.err()).hasLineCount(1).startsWith("stopped: ");
    }
}
