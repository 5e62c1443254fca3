package io.ultrafleet.twin.scenario;

import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioLimits;
import io.ultrafleet.spec.Times;
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

    /** The largest peak-to-trough ratio, weekend factor or burst multiplier. */
    static final double MAX_FACTOR = 1_000;

    /** The most bursts a day. */
    static final double MAX_BURSTS_PER_DAY = 100;

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
                levels.add(
                        new LoadCurveSpec.Level(from, sm.number("perSecond", 0, false, ScenarioLimits.MAX_PER_SECOND)));
            }
        } else {
            String allowed = FieldReader.numberRange(0, false, ScenarioLimits.MAX_PER_SECOND);
            double rate = m.required("perSecond", allowed + " (or rates: a list of {from, perSecond})")
                    .number(0, false, ScenarioLimits.MAX_PER_SECOND);
            levels.add(new LoadCurveSpec.Level(startMs, rate));
        }
        double peakToTrough = 1;
        double peakHour = 12;
        if (m.has("daily")) {
            MappingReader d = m.required("daily", "a mapping with peakToTrough and peakHourUtc")
                    .mapping("a mapping with peakToTrough and peakHourUtc", DAILY_KEYS);
            peakToTrough = d.number("peakToTrough", 1, false, MAX_FACTOR);
            if (d.has("peakHourUtc")) {
                FieldReader h = d.optional("peakHourUtc").orElseThrow();
                String hour = "a number from 0 to below 24";
                peakHour = h.parseNumber(hour);
                if (peakHour < 0 || peakHour >= 24) {
                    throw h.fail(hour);
                }
            }
        }
        double weekend = 1;
        if (m.has("weekendFactor")) {
            weekend = m.number("weekendFactor", 0, false, MAX_FACTOR);
        }
        double burstsPerDay = 0;
        double burstMultiplier = 1;
        long burstMs = 0;
        if (m.has("bursts")) {
            MappingReader b = m.required("bursts", "a mapping with perDay, multiplier and duration")
                    .mapping("a mapping with perDay, multiplier and duration", BURST_KEYS);
            burstsPerDay = b.number("perDay", 0, false, MAX_BURSTS_PER_DAY);
            burstMultiplier = b.number("multiplier", 1, false, MAX_FACTOR);
            burstMs = b.duration("duration", Durations.SECOND_MS, Durations.DAY_MS);
        }
        return new LoadCurveSpec(levels, peakToTrough, peakHour, weekend, burstsPerDay, burstMultiplier, burstMs);
    }
}
