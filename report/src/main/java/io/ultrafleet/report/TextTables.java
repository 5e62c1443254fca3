package io.ultrafleet.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Replications and sweeps as plain text for the terminal: one line per headline figure. */
final class TextTables {
    private TextTables() {}

    /** From {@code replications.json}: figure, mean, half width of the 95 % interval, and the interval. */
    static String replications(Object doc) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-44s %18s %18s   %s%n", "Figure", "mean", "± 95 %", "interval"));
        for (Object o : list(doc, "figures")) {
            Map<?, ?> f = (Map<?, ?>) o;
            String unit = (String) f.get("unit");
            sb.append(String.format(
                    Locale.ROOT,
                    "%-44s %18s %18s   %s to %s%n",
                    label(f),
                    show(f.get("mean"), unit),
                    show(f.get("half_width"), unit),
                    show(f.get("ci95_low"), unit),
                    show(f.get("ci95_high"), unit)));
        }
        return sb.toString();
    }

    /** From {@code sweep.json}: figure, then its value for each swept value. */
    static String sweep(Object doc) {
        StringBuilder sb = new StringBuilder();
        List<?> values = list(doc, "values");
        sb.append(String.format(Locale.ROOT, "%-44s", JsonTree.at(doc, "path").orElse("")));
        for (Object v : values) {
            sb.append(String.format(Locale.ROOT, " %14s", v));
        }
        sb.append('\n');
        for (Object o : list(doc, "figures")) {
            Map<?, ?> f = (Map<?, ?>) o;
            sb.append(String.format(Locale.ROOT, "%-44s", label(f)));
            for (Object v : (List<?>) f.get("values")) {
                sb.append(String.format(Locale.ROOT, " %14s", show(v, (String) f.get("unit"))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<?> list(Object doc, String key) {
        return JsonTree.at(doc, key)
                .filter(List.class::isInstance)
                .map(List.class::cast)
                .orElse(List.of());
    }

    private static String label(Map<?, ?> f) {
        String l = (String) f.get("label");
        return l.length() > 44 ? l.substring(0, 43) + "…" : l;
    }

    /** A number to about four significant digits, with its unit. */
    static String show(Object v, String unit) {
        if (!(v instanceof BigDecimal d)) {
            return "–";
        }
        double x = d.doubleValue();
        double a = Math.abs(x);
        String text;
        if (a >= 1e9) {
            text = String.format(Locale.ROOT, "%.3f B", x / 1e9);
        } else if (a >= 1e6) {
            text = String.format(Locale.ROOT, "%.3f M", x / 1e6);
        } else if (a >= 1e4) {
            text = String.format(Locale.ROOT, "%,.0f", x);
        } else if (a >= 100) {
            text = String.format(Locale.ROOT, "%.1f", x);
        } else {
            text = String.format(Locale.ROOT, "%.4g", x);
        }
        return unit.isEmpty() ? text : text + " " + unit;
    }
}
