package io.ultrafleet.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Images of a run's main charts for slides (1600 x 900), drawn headless with XChart: capacity and demand, GPU use,
 * queue length by queue, GPU-hours lost by cause, contract burn-down, power. Each is written as a PNG, or as an SVG (the
 * same chart as vectors, for documents that scale it). A chart whose data the run does not have is not drawn.
 */
final class ChartImages {
    /** The folder of a run directory the images go in. */
    static final String DIR = "charts";

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 900;
    private static final Color[] PALETTE = {
        new Color(0x2563eb), new Color(0xf59e0b), new Color(0x10b981), new Color(0xef4444),
        new Color(0x8b5cf6), new Color(0x0891b2), new Color(0xdb2777), new Color(0x65a30d)
    };

    /** The file format of the images. */
    enum Format {
        PNG("png"),
        SVG("svg");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        String extension() {
            return extension;
        }
    }

    private ChartImages() {}

    static List<Path> write(RunDirectory run, Path dir) throws IOException {
        return write(run, dir, Format.PNG);
    }

    static List<Path> write(RunDirectory run, Path dir, Format format) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        SeriesTable t = run.series() == null
                ? null
                : SeriesReduction.reduce(
                        run.series(), SeriesReduction.stepsPerPoint(run.series().size(), PageData.RUN_POINTS));
        String who = run.summary().get("scenario") + ", seed " + run.summary().get("seed");
        if (t != null) {
            timeChart(t, "Capacity and demand (" + who + ")", "GPUs", List.of("gpus_online", "gpus_demanded"))
                    .ifPresent(c -> out.add(save(c, dir, format, "capacity")));
            timeChart(t, "GPU use (" + who + ")", "GPUs", List.of("gpus_allocated", "gpus_busy", "gpus_down"))
                    .ifPresent(c -> out.add(save(c, dir, format, "gpu-use")));
            List<String> queues = t.namesStartingWith("jobs_queued.");
            timeChart(
                            t,
                            "Jobs queued by queue (" + who + ")",
                            "jobs",
                            queues.isEmpty() ? List.of("jobs_queued") : queues)
                    .ifPresent(c -> out.add(save(c, dir, format, "queue-length")));
            burnDown(t, run.summary(), who).ifPresent(c -> out.add(save(c, dir, format, "contract-burn-down")));
            timeChart(t, "Power (" + who + ")", "MW", List.of("power_mw"))
                    .ifPresent(c -> out.add(save(c, dir, format, "power")));
            timeChart(t, "Inference replicas (" + who + ")", "replicas", List.of("inference_replicas"))
                    .ifPresent(c -> out.add(save(c, dir, format, "inference")));
            timeChart(
                            t,
                            "Agent sandboxes (" + who + ")",
                            "sessions",
                            List.of("agent_sessions", "agent_sessions_waiting"))
                    .ifPresent(c -> out.add(save(c, dir, format, "agents")));
        }
        lossChart(run.summary(), who).ifPresent(c -> out.add(save(c, dir, format, "failures-by-cause")));
        return out;
    }

    private static Optional<XYChart> timeChart(SeriesTable t, String title, String unit, List<String> columns) {
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (String c : columns) {
            t.column(c).ifPresent(v -> lines.put(label(c), v));
        }
        return timeChart(t, title, unit, lines);
    }

    /**
     * The commitment left on each contract that commits spend (committed minus its running spend); with no such
     * contract, the contracts' running spend.
     */
    private static Optional<XYChart> burnDown(SeriesTable t, Map<String, Object> summary, String who) {
        Map<String, double[]> left = new LinkedHashMap<>();
        Object contracts = JsonTree.at(summary, "cost.by_contract").orElse(null);
        if (contracts instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> c
                        && c.get("name") instanceof String name
                        && c.get("committed_usd") instanceof BigDecimal committed) {
                    t.column("contract_spent_usd." + name).ifPresent(spent -> {
                        double[] v = new double[spent.length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = committed.doubleValue() - spent[i];
                        }
                        left.put(name, v);
                    });
                }
            }
        }
        if (left.isEmpty()) {
            return timeChart(t, "Contract spend (" + who + ")", "USD", t.namesStartingWith("contract_spent_usd."));
        }
        return timeChart(t, "Contract burn-down: commitment left (" + who + ")", "USD", left);
    }

    private static Optional<XYChart> timeChart(SeriesTable t, String title, String unit, Map<String, double[]> lines) {
        if (lines.isEmpty() || t.size() == 0) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .yAxisTitle(unit)
                .build();
        style(chart.getStyler());
        chart.getStyler().setDatePattern("yyyy-MM");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisTitleVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        List<Date> x = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            x.add(new Date(t.time(i)));
        }
        for (Map.Entry<String, double[]> line : lines.entrySet()) {
            List<Double> y = new ArrayList<>(line.getValue().length);
            for (double d : line.getValue()) {
                y.add(d);
            }
            chart.addSeries(line.getKey(), x, y);
        }
        return Optional.of(chart);
    }

    private static Optional<CategoryChart> lossChart(Map<String, Object> summary, String who) {
        Object byCause =
                JsonTree.at(summary, "reliability.gpu_hours_lost_by_cause").orElse(null);
        if (!(byCause instanceof Map<?, ?> causes) || causes.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("GPU-hours lost to failures by cause (" + who + ")")
                .yAxisTitle("GPU-hours")
                .build();
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<String> names = causes.keySet().stream().map(String::valueOf).toList();
        for (String part : List.of("lost_work", "restart", "waiting_for_capacity", "repair")) {
            List<Double> values = new ArrayList<>();
            for (Object c : causes.values()) {
                Object v = c instanceof Map<?, ?> m ? m.get(part) : null;
                values.add(v instanceof BigDecimal d ? d.doubleValue() : 0.0);
            }
            chart.addSeries(part.replace('_', ' '), names, values);
        }
        return Optional.of(chart);
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe5e7eb));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendBorderColor(new Color(0xd1d5db));
        s.setSeriesColors(PALETTE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        s.setChartTitleBoxVisible(false);
        s.setTimezone(TimeZone.getTimeZone("UTC"));
        s.setAntiAlias(true);
    }

    private static String label(String column) {
        int dot = column.indexOf('.');
        return dot >= 0
                ? column.substring(dot + 1)
                : column.replace('_', ' ').replace("gpus", "GPUs").replace(" mw", " (MW)");
    }

    private static final Pattern CLIP_ID = Pattern.compile("clip(\\d+)");

    /**
     * The SVG with its clip-path ids numbered in order of appearance: the encoder names them from object hash codes,
     * which differ from one run to the next, and the same run must give the same file.
     */
    static String stableIds(String svg) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = CLIP_ID.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(1), k -> "clip" + (ids.size() + 1));
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Path save(Chart<?, ?> chart, Path dir, Format format, String name) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "." + format.extension());
            if (format == Format.SVG) {
                java.io.ByteArrayOutputStream svg = new java.io.ByteArrayOutputStream();
                VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                Files.writeString(file, stableIds(svg.toString(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                }
            }
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
