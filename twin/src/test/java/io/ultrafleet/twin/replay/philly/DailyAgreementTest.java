package io.ultrafleet.twin.replay.philly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyAgreementTest {
    static final long T0 = PhillyTraceTest.ms("2017-10-25 00:00:00");

    @TempDir
    Path tmp;

    /** Two days: the first observed every minute at 100, the second only for its first 600 minutes. */
    private NodeSequence real() throws IOException {
        StringBuilder s = new StringBuilder("time,active,total\n");
        for (int m = 0; m < 2 * 1440; m++) {
            if (m < 1440 + 600) {
                int active = m >= 1440 && m < 1440 + 60 ? 0 : 100;
                s.append(PhillyTrace.format(T0 + m * 60_000L))
                        .append(',')
                        .append(active)
                        .append(",420\n");
            }
        }
        Path p = tmp.resolve("real.csv");
        Files.writeString(p, s);
        return NodeSequence.read(p);
    }

    @Test
    void aDayCountsOnlyWhenHalfItsMinutesWereObserved() throws IOException {
        NodeSequence real = real();
        assertThat(real.total()).isEqualTo(420);
        assertThat(real.at(T0 + 1440 * 60_000L)).as("a row of 0 is a gap").isEqualTo(-1);
        assertThat(real.at(T0 + (1440 + 700) * 60_000L)).as("a missing row too").isEqualTo(-1);
        ActiveSeries replay = new ActiveSeries(T0, 2 * 1440);
        replay.hold(T0, T0 + 2 * 86_400_000L, 90);
        List<DailyAgreement.Day> days = DailyAgreement.days(replay, real, T0, Long.MAX_VALUE);
        assertThat(days).hasSize(1);
        assertThat(days.get(0).real()).isEqualTo(100.0);
        assertThat(DailyAgreement.mape(days)).isEqualTo(0.1);
        assertThat(DailyAgreement.days(replay, real, T0 + 1, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void rowsOutOfOrderOrWithAnotherTotalAreRefused() throws IOException {
        Path p = tmp.resolve("bad.csv");
        Files.writeString(p, "time,active,total\n2017-10-03 00:01:00,5,420\n2017-10-03 00:00:00,5,420\n");
        assertThatThrownBy(() -> NodeSequence.read(p))
                .isInstanceOf(PhillyTraceException.class)
                .hasMessage(p + ":3: field 'time': found 2017-10-03 00:00:00, allowed a whole minute after the row"
                        + " before");
        Files.writeString(p, "time,active,total\n2017-10-03 00:00:00,5,420\n2017-10-03 00:01:00,5,421\n");
        assertThatThrownBy(() -> NodeSequence.read(p))
                .hasMessage(p + ":3: field 'total': found 421, allowed 420 (the same on every row)");
        Files.writeString(p, "time,active,total\n2017-10-03 00:00:00,500,420\n");
        assertThatThrownBy(() -> NodeSequence.read(p))
                .hasMessage(p + ":2: field 'active': found 500, allowed an" + " integer 0..420");
    }
}
