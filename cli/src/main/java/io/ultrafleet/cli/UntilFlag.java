package io.ultrafleet.cli;

import io.ultrafleet.twin.scenario.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code --until YYYY-MM-DD}: stop a run at the end of that day, which must fall within the scenario. */
final class UntilFlag {
    private UntilFlag() {}

    /** The end of the run: the end of {@code until}'s day, or the scenario's horizon when {@code until} is null. */
    static long horizon(LocalDate until, Scenario s) {
        if (until == null) {
            return s.endMs();
        }
        long end;
        try {
            end = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            end = Long.MAX_VALUE;
        }
        if (end <= s.startMs() || end > s.endMs()) {
            LocalDate first =
                    Instant.ofEpochMilli(s.startMs()).atZone(ZoneOffset.UTC).toLocalDate();
            LocalDate last =
                    Instant.ofEpochMilli(s.endMs() - 1).atZone(ZoneOffset.UTC).toLocalDate();
            throw new BadFlagException(
                    "--until",
                    until.toString(),
                    "is outside the scenario " + s.name() + "; allowed a day from " + first + " to " + last);
        }
        return end;
    }
}
