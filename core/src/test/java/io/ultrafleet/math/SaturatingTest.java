package io.ultrafleet.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturatingTest {
    @Test
    void sumsAndProductsSaturateInsteadOfOverflowing() {
        assertThat(Saturating.add(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(3, 4)).isEqualTo(7);
        assertThat(Saturating.add(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.multiply(1L << 40, 1L << 40)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.multiply(1L << 20, 1L << 20)).isEqualTo(1L << 40);
        assertThat(Saturating.multiply(1L << 62, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.multiply(0, Long.MAX_VALUE)).isZero();
    }
}
