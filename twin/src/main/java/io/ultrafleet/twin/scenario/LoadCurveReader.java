package io.ultrafleet.twin.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rate curve ({@link LoadCurveSpec}): {@code perSecond} or {@code rates: [{from, perSecond}]}, with optional
 * {@code daily: {peakToTrough, peakHourUtc}}, {@code weekendFactor} and {@code bursts: {perDay, multiplier,
 * duration}}.
 */
final class LoadCurveReader {
    static final List<String> KEYS = List.of("perSecond", "rates", "daily", "weekendFactor", "bursts");
    static final List<String> RATE_KEYS = List.of("from", "perSecond");
    static final List<String> DAILY_KEYS = List.of("peakToTrough", "peakHourUtc");
    static final List<String> BURST_KEYS = List.of("perDay", "multiplier", "duration");
    static final String ALLOWED = "a mapping with perSecond or rates, and optionally daily, weekendFactor, bursts";

    private LoadCurveReader() {}

    static LoadCurveSpec read(FieldReader f, long startMs) {
        MappingReader m = f.mapping(ALLOWED, KEYS);
        List<LoadCurveSpec.Level> levels = new ArrayList<>();
        if (m.has("rates")) {
            if (m.has("perSecond")) {
                throw m.optional("perSecond")
                        .orElseThrow()
                        .fail("nothing here when rates is given (write either perSecond or rates)");
            }
            for (FieldReader s : m.list("rates", 1, "a list of rate steps with from and perSecond")) {
                MappingReader sm = s.mapping("a rate step mapping with from and perSecond", RATE_KEYS);
                FieldReader fromField = sm.required("from", Times.SYNTAX);
                long from = fromField.time();
                if (!levels.isEmpty() && from <= levels.get(levels.size() - 1).fromMs()) {
                    throw fromField.fail("a time after the previous step's ("
                            + Times.format(levels.get(levels.size() - 1).fromMs()) + ")");
                }
                levels.add(new LoadCurveSpec.Level(
                        from, sm.required("perSecond", "a number >= 0").number(0, false)));
            }
        } else {
            double rate = m.required("perSecond", "a number >= 0 (or rates: a list of {from, perSecond})")
                    .number(0, false);
            levels.add(new LoadCurveSpec.Level(startMs, rate));
        }
        double peakToTrough = 1;
        double peakHour = 12;
        if (m.has("daily")) {
            MappingReader d = m.required("daily", "a mapping with peakToTrough and peakHourUtc")
                    .mapping("a mapping with peakToTrough and peakHourUtc", DAILY_KEYS);
            peakToTrough = d.required("peakToTrough", "a number >= 1").number(1, false);
            if (d.has("peakHourUtc")) {
                FieldReader h = d.optional("peakHourUtc").orElseThrow();
                peakHour = h.number(0, false);
                if (peakHour >= 24) {
                    throw h.fail("a number from 0 to below 24");
                }
            }
        }
        double weekend = 1;
        if (m.has("weekendFactor")) {
            weekend = m.optional("weekendFactor").orElseThrow().number(0, false);
        }
        double burstsPerDay = 0;
        double burstMultiplier = 1;
        long burstMs = 0;
        if (m.has("bursts")) {
            MappingReader b = m.required("bursts", "a mapping with perDay, multiplier and duration")
                    .mapping("a mapping with perDay, multiplier and duration", BURST_KEYS);
            burstsPerDay = b.required("perDay", "a number >= 0").number(0, false);
            burstMultiplier = b.required("multiplier", "a number >= 1").number(1, false);
            burstMs = b.required("duration", Durations.SYNTAX).duration(1);
        }
        return new LoadCurveSpec(levels, peakToTrough, peakHour, weekend, burstsPerDay, burstMultiplier, burstMs);
    }
}
