package io.ultrafleet.twin.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ultrafleet.spec.input.ErrorWords;
import io.ultrafleet.spec.input.JsonWords;
import io.ultrafleet.twin.inference.AzureTraceReader.IntList;
import io.ultrafleet.twin.inference.AzureTraceReader.LongList;
import io.ultrafleet.twin.replay.TraceLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the Mooncake FAST'25 traces: one JSON object per line with {@code timestamp} (milliseconds, an integer or
 * a number >= 0), {@code input_length} and {@code output_length} (integers from 0 to 10,000,000) and, optionally,
 * {@code hash_ids} (the prompt's prefix block hashes, integers >= 0, one per 512 tokens). Other fields are ignored,
 * like extra CSV columns; blank lines are skipped.
 */
final class MooncakeTraceReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int[] EMPTY = new int[0];

    private MooncakeTraceReader() {}

    static InferenceTrace read(Path path) {
        String file = path.toString();
        LongList arrivals = new LongList();
        IntList inputs = new IntList();
        IntList outputs = new IntList();
        List<int[]> hashes = new ArrayList<>();
        boolean[] anyHashes = new boolean[1];
        long[] hashCount = new long[1];
        TraceLines.forEach(
                path, TraceLimits.MAX_LINE, TraceLimits.MAX_REQUESTS, InferenceTraceException::new, (line, number) -> {
                    if (line.isBlank()) {
                        return;
                    }
                    Row row = parse(line, file, number);
                    arrivals.add(row.timestampMs);
                    inputs.add(row.input);
                    outputs.add(row.output);
                    hashes.add(row.hashes == null ? EMPTY : row.hashes);
                    anyHashes[0] |= row.hashes != null;
                    hashCount[0] += row.hashes == null ? 0 : row.hashes.length;
                    if (hashCount[0] > TraceLimits.MAX_HASHES) {
                        throw new InferenceTraceException(
                                file,
                                number,
                                "hash_ids",
                                String.format(
                                        "found more than %,d block hashes in the trace, allowed at most that many",
                                        TraceLimits.MAX_HASHES));
                    }
                });
        if (inputs.size() == 0) {
            throw new InferenceTraceException(file, 0, "", "no requests (expected one JSON object per line)");
        }
        long[] ms = arrivals.toArray();
        TraceLimits.checkSpan(
                file, Arrays.stream(ms).min().orElse(0), Arrays.stream(ms).max().orElse(0));
        return new InferenceTrace(
                file,
                TraceFormat.MOONCAKE,
                ms,
                inputs.toArray(),
                outputs.toArray(),
                anyHashes[0] ? hashes.toArray(new int[0][]) : null);
    }

    private static final class Row {
        long timestampMs = -1;
        int input = -1;
        int output = -1;
        int[] hashes;
    }

    private static Row parse(String line, String file, int number) {
        Row row = new Row();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InferenceTraceException(
                        file, number, "", "found '" + abbreviate(line) + "', allowed a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "timestamp" -> row.timestampMs = timestamp(p, v, file, number);
                    case "input_length" -> row.input = tokens(p, v, file, number, name);
                    case "output_length" -> row.output = tokens(p, v, file, number, name);
                    case "hash_ids" -> row.hashes = hashes(p, v, file, number);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InferenceTraceException(file, number, "", "allowed exactly one JSON object on the line");
            }
        } catch (JsonProcessingException e) {
            throw new InferenceTraceException(
                    file, number, "", "not valid JSON" + JsonWords.column(e) + ": " + JsonWords.of(e));
        } catch (IOException e) {
            throw new InferenceTraceException(file, number, "", "cannot read: " + ErrorWords.of(e));
        }
        if (row.timestampMs < 0) {
            throw missing(file, number, "timestamp", "a number of milliseconds >= 0");
        }
        if (row.input < 0) {
            throw missing(file, number, "input_length", "an integer 0.." + AzureTraceReader.MAX_TOKENS);
        }
        if (row.output < 0) {
            throw missing(file, number, "output_length", "an integer 0.." + AzureTraceReader.MAX_TOKENS);
        }
        return row;
    }

    private static InferenceTraceException missing(String file, int line, String field, String allowed) {
        return new InferenceTraceException(file, line, field, "found nothing, allowed " + allowed);
    }

    private static long timestamp(JsonParser p, JsonToken v, String file, int line) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d >= 0 && d < 1e15) {
                return Math.round(d);
            }
        }
        throw new InferenceTraceException(
                file, line, "timestamp", "found " + shown(p, v) + ", allowed a number of milliseconds >= 0");
    }

    private static int tokens(JsonParser p, JsonToken v, String file, int line, String field) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getLongValue();
            if (n >= 0 && n <= AzureTraceReader.MAX_TOKENS) {
                return (int) n;
            }
        }
        throw new InferenceTraceException(
                file, line, field, "found " + shown(p, v) + ", allowed an integer 0.." + AzureTraceReader.MAX_TOKENS);
    }

    private static int[] hashes(JsonParser p, JsonToken v, String file, int line) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new InferenceTraceException(
                    file, line, "hash_ids", "found " + shown(p, v) + ", allowed an array of integers >= 0");
        }
        IntList out = new IntList();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (out.size() == TraceLimits.MAX_HASHES_PER_REQUEST) {
                throw new InferenceTraceException(
                        file,
                        line,
                        "hash_ids",
                        "found more than " + TraceLimits.MAX_HASHES_PER_REQUEST + " hashes, allowed at most one per "
                                + InferenceTrace.BLOCK_TOKENS + " prompt tokens");
            }
            if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                throw new InferenceTraceException(
                        file,
                        line,
                        "hash_ids[" + out.size() + "]",
                        "found " + shown(p, t) + ", allowed an integer 0.." + Integer.MAX_VALUE);
            }
            out.add(p.getIntValue());
        }
        return out.toArray();
    }

    private static String shown(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (v == JsonToken.START_OBJECT) {
            return "an object";
        }
        if (v == JsonToken.VALUE_STRING) {
            return "'" + abbreviate(p.getText()) + "'";
        }
        return abbreviate(p.getText());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
