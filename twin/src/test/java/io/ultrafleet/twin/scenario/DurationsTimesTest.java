package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.spec.DidYouMean;
import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.Times;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTimesTest {
    @Test
    void parsesEveryUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(250);
        assertThat(Durations.parse("30s")).isEqualTo(30_000);
        assertThat(Durations.parse("90m")).isEqualTo(5_400_000);
        assertThat(Durations.parse("1.5h")).isEqualTo(5_400_000);
        assertThat(Durations.parse("7d")).isEqualTo(604_800_000);
        assertThat(Durations.parse("2w")).isEqualTo(1_209_600_000);
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void rejectsMalformedDurations() {
        for (String bad : new String[] {"6", "h", "-5h", "6 h", "6hours", "1e3s", "6H", ""}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Durations.parse("99999999999999999w")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(Durations.format(5_400_000)).isEqualTo("90m");
        assertThat(Durations.format(604_800_000)).isEqualTo("1w");
        assertThat(Durations.format(1_500)).isEqualTo("1500ms");
        assertThat(Durations.format(0)).isEqualTo("0s");
    }

    @Test
    void datesAreMidnightUtcAndEndsAreTheNextMidnight() {
        assertThat(Times.parse("2025-11-03"))
                .isEqualTo(Instant.parse("2025-11-03T00:00:00Z").toEpochMilli());
        assertThat(Times.parseEnd("2025-11-03"))
                .isEqualTo(Instant.parse("2025-11-04T00:00:00Z").toEpochMilli());
        assertThat(Times.parseEnd("2025-11-03T12:00:00Z"))
                .isEqualTo(Instant.parse("2025-11-03T12:00:00Z").toEpochMilli());
    }

    @Test
    void datetimesWithOffsetsOrNone() {
        assertThat(Times.parse("2025-11-03T12:00:00+02:00"))
                .isEqualTo(Instant.parse("2025-11-03T10:00:00Z").toEpochMilli());
        assertThat(Times.parse("2025-11-03T12:00:00"))
                .isEqualTo(Instant.parse("2025-11-03T12:00:00Z").toEpochMilli());
        assertThat(Times.parse("2025-11-03T12:00Z"))
                .isEqualTo(Instant.parse("2025-11-03T12:00:00Z").toEpochMilli());
        assertThat(Times.parse("2025-11-03 12:00:00Z"))
                .as("YAML's space for the T")
                .isEqualTo(Instant.parse("2025-11-03T12:00:00Z").toEpochMilli());
    }

    @Test
    void rejectsBadDates() {
        for (String bad : new String[] {"2025-13-01", "2025-02-30", "2025/11/03", "yesterday", "2025-11-03 noon"}) {
            assertThatThrownBy(() -> Times.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void didYouMean() {
        List<String> keys = List.of("providers", "deliveries", "decommissions", "cpuPools");
        assertThat(DidYouMean.suggest("delivries", keys)).contains("deliveries");
        assertThat(DidYouMean.suggest("CPUPOOLS", keys)).contains("cpuPools");
        assertThat(DidYouMean.suggest("provider", keys)).contains("providers");
        assertThat(DidYouMean.suggest("decom", keys)).contains("decommissions");
        assertThat(DidYouMean.suggest("colour", keys)).isEmpty();
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
