package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code --array} value of a submission of lost tasks keeps the limit of tasks at once. */
class SlurmArraySpecTest {
    @Test
    void lostTasksAreSubmittedAgainWithTheSameLimitWhenThereAreMoreThanIt() {
        assertThat(SlurmArray.arraySpec(List.of(1, 4, 7), 2)).isEqualTo("1,4,7%2");
        assertThat(SlurmArray.arraySpec(List.of(1, 4), 2)).isEqualTo("1,4");
        assertThat(SlurmArray.arraySpec(List.of(3), 0)).isEqualTo("3");
        assertThat(SlurmArray.arraySpec(List.of(0, 1, 2), 0)).isEqualTo("0,1,2");
    }
}
