package io.ultrafleet.twin.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.output.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a replay's result as JSON:
 *
 * <pre>
 * {"policy": "fgd", "mean": {"alloc_pct_at": {"90": x, "100": y, "130": z}},
 *  "seeds": [{"seed": 42, "alloc_pct_at": {...}}, ...]}
 * </pre>
 *
 * Percentages have two decimals; a point the replay never reached (for a target below 1.3, say) is {@code null}.
 * The output depends only on the result: fixed key order, no times.
 */
public final class ReplayJson {
    private ReplayJson() {}

    public static String toJson(ReplayResult r) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("policy", r.policy());
            g.writeObjectFieldStart("mean");
            g.writeObjectFieldStart("alloc_pct_at");
            for (int p : OpenbReplay.POINTS) {
                pct(g, p, r.meanAllocPctAt(p));
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("seeds");
            for (SeedResult s : r.seeds()) {
                g.writeStartObject();
                g.writeNumberField("seed", s.seed());
                g.writeObjectFieldStart("alloc_pct_at");
                for (int p : OpenbReplay.POINTS) {
                    pct(g, p, s.allocPctAt(p));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void pct(JsonGenerator g, int point, double value) throws IOException {
        String key = Integer.toString(point);
        if (Double.isNaN(value)) {
            g.writeNullField(key);
        } else {
            g.writeNumberField(key, BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN));
        }
    }
}
