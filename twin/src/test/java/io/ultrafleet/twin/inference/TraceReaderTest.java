package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure and Mooncake trace readers: values, order, and located errors. */
class TraceReaderTest {
    static final String AZURE_HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsAzureRowsRelativeToTheFirstAndSortsThem() throws IOException {
        Path f = write(
                "conv.csv",
                AZURE_HEADER
                        + "2023-11-16 18:15:46.6805900,374,44\n"
                        + "2023-11-16 18:15:50.9951690,396,109\n"
                        + "\n"
                        + "2023-11-16 18:15:46.0000000,12,0\n");
        InferenceTrace t = TraceFormat.AZURE.read(f);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.arrivalMs(0)).isZero();
        assertThat(t.inputTokens(0)).as("the earliest row comes first").isEqualTo(12);
        assertThat(t.outputTokens(0)).isZero();
        assertThat(t.arrivalMs(1)).isEqualTo(681);
        assertThat(t.arrivalMs(2)).isEqualTo(4_995);
        assertThat(t.spanMs()).isEqualTo(4_995);
        assertThat(t.hasBlockHashes()).isFalse();
        assertThat(t.totalInputTokens()).isEqualTo(782);
        assertThat(t.totalOutputTokens()).isEqualTo(153);
        assertThat(t.format()).isEqualTo(TraceFormat.AZURE);
    }

    @Test
    void azureTakesExtraColumnsOffsetsAndShortFractions() throws IOException {
        Path f = write(
                "week.csv",
                "TIMESTAMP,ContextTokens,GeneratedTokens,Model\n"
                        + "2024-05-10 00:00:00.5+00:00,100,10,a\n"
                        + "2024-05-10 01:00:01+01:00,50,5,b\n");
        InferenceTrace t = TraceFormat.AZURE.read(f);
        assertThat(t.arrivalMs(0)).isZero();
        assertThat(t.arrivalMs(1)).as("01:00:01+01:00 is 00:00:01 UTC").isEqualTo(500);
    }

    @Test
    void azureErrorsNameFileLineAndField() throws IOException {
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("a.csv", AZURE_HEADER + "2023-11-16 18:15:46,12,-3\n")))
                .isInstanceOf(InferenceTraceException.class)
                .hasMessage(
                        tmp.resolve("a.csv") + ":2: field 'GeneratedTokens': found -3, allowed an integer 0..10000000");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(
                        write("b.csv", AZURE_HEADER + "2023-11-16 18:15:46,12,3\nyesterday,1,1\n")))
                .hasMessageStartingWith(
                        tmp.resolve("b.csv") + ":3: field 'TIMESTAMP': found 'yesterday', allowed a time");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("c.csv", AZURE_HEADER + "2023-11-16 18:15:46,x,3\n")))
                .hasMessage(
                        tmp.resolve("c.csv") + ":2: field 'ContextTokens': found 'x', allowed an integer 0..10000000");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("d.csv", AZURE_HEADER + "2023-11-16 18:15:46,1\n")))
                .hasMessage(tmp.resolve("d.csv") + ":2: found 2 fields, allowed 3 (one per header column)");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("e.csv", "TIMESTAMP,Tokens\n")))
                .hasMessage(tmp.resolve("e.csv")
                        + ":1: field 'ContextTokens': missing column; the header has: TIMESTAMP,Tokens");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("f.csv", AZURE_HEADER)))
                .hasMessage(tmp.resolve("f.csv") + ": no requests after the header");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(write("g.csv", "")))
                .hasMessageStartingWith(tmp.resolve("g.csv") + ": empty file");
        assertThatThrownBy(() -> TraceFormat.AZURE.read(tmp.resolve("none.csv")))
                .hasMessage(tmp.resolve("none.csv") + ": no such file");
    }

    @Test
    void readsMooncakeLinesWithHashesAndIgnoresOtherFields() throws IOException {
        Path f = write(
                "m.jsonl",
                "{\"timestamp\": 0, \"input_length\": 1200, \"output_length\": 5, \"hash_ids\": [1, 2, 3]}\n"
                        + "\n"
                        + "{\"timestamp\": 27482.0, \"input_length\": 600, \"output_length\": 0, \"hash_ids\": [1, 9],"
                        + " \"session\": {\"id\": 4}}\n");
        InferenceTrace t = TraceFormat.MOONCAKE.read(f);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.arrivalMs(1)).isEqualTo(27_482);
        assertThat(t.inputTokens(1)).isEqualTo(600);
        assertThat(t.hasBlockHashes()).isTrue();
        assertThat(t.cachedTokens(1_000_000))
                .as("the second shares the first block")
                .containsExactly(0, 512);
        assertThat(t.cachedTokens(0)).containsExactly(0, 0);
    }

    @Test
    void mooncakeErrorsNameFileLineAndField() throws IOException {
        String ok = "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 5}\n";
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(
                        write("a.jsonl", ok + "{\"timestamp\": 5, \"input_length\": \"ten\", \"output_length\": 5}\n")))
                .isInstanceOf(InferenceTraceException.class)
                .hasMessage(tmp.resolve("a.jsonl")
                        + ":2: field 'input_length': found 'ten', allowed an integer 0..10000000");
        assertThatThrownBy(() ->
                        TraceFormat.MOONCAKE.read(write("b.jsonl", ok + "{\"timestamp\": 5, \"input_length\": 3}\n")))
                .hasMessage(tmp.resolve("b.jsonl")
                        + ":2: field 'output_length': found nothing, allowed an integer 0..10000000");
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(
                        write("c.jsonl", ok + ok + "{\"timestamp\": -1, \"input_length\": 3, \"output_length\": 1}\n")))
                .hasMessage(tmp.resolve("c.jsonl")
                        + ":3: field 'timestamp': found -1, allowed a number of milliseconds >= 0");
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(write(
                        "d.jsonl",
                        "{\"timestamp\": 1, \"input_length\": 3, \"output_length\": 1, \"hash_ids\": [4, -2]}\n")))
                .hasMessage(
                        tmp.resolve("d.jsonl") + ":1: field 'hash_ids[1]': found -2, allowed an integer 0..2147483647");
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(write("e.jsonl", ok + "{\"timestamp\": 1,\n")))
                .hasMessageStartingWith(tmp.resolve("e.jsonl") + ":2: not valid JSON at column ");
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(write("f.jsonl", "[1, 2]\n")))
                .hasMessage(tmp.resolve("f.jsonl") + ":1: found '[1, 2]', allowed a JSON object");
        assertThatThrownBy(() -> TraceFormat.MOONCAKE.read(write("g.jsonl", "\n\n")))
                .hasMessageStartingWith(tmp.resolve("g.jsonl") + ": no requests");
    }

    @Test
    void formatsAreNamedAsOnTheCommandLine() {
        assertThat(TraceFormat.labels()).containsExactly("azure", "mooncake");
        assertThat(TraceFormat.named("Mooncake")).contains(TraceFormat.MOONCAKE);
        assertThat(TraceFormat.named("csv")).isEmpty();
    }

    @Test
    void thePrefixCacheEvictsTheLeastRecentlyUsedBlock() {
        PrefixCache cache = new PrefixCache(3);
        assertThat(cache.lookupAndInsert(new int[] {1, 2})).isZero();
        assertThat(cache.lookupAndInsert(new int[] {1, 2, 3})).isEqualTo(2);
        assertThat(cache.lookupAndInsert(new int[] {4})).as("evicts block 1").isZero();
        assertThat(cache.lookupAndInsert(new int[] {1, 2}))
                .as("the hit run stops at the first miss")
                .isZero();
        assertThat(cache.lookupAndInsert(new int[] {2, 1})).isEqualTo(2);
    }
}
