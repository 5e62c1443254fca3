package io.ultrafleet.scheduling.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.scheduling.QueueBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueBookTest {
    private static final Flavor GB200 = new Flavor(0, -1);
    private static final Flavor GB300_DFW = new Flavor(1, 0);

    @Test
    void withoutCohortAQueueStopsAtItsNominalQuota() {
        QueueBook b = new QueueBook();
        int q = b.add("q", null, 1, List.of(Quota.of(GB200, 100)));
        assertThat(b.admits(q, 0, 3, 100)).isTrue();
        b.charge(q, 0, 3, 60);
        assertThat(b.admits(q, 0, 1, 40)).isTrue();
        assertThat(b.admits(q, 0, 1, 41)).isFalse();
        assertThat(b.admits(q, 1, 0, 1)).as("no quota for that model").isFalse();
        b.refund(q, 0, 3, 60);
        assertThat(b.used(q)).isZero();
    }

    @Test
    void firstMatchingFlavourWins() {
        QueueBook b = new QueueBook();
        int q = b.add("q", null, 1, List.of(Quota.of(GB300_DFW, 10), Quota.of(new Flavor(1, -1), 50)));
        assertThat(b.entryFor(q, 1, 0)).isZero();
        assertThat(b.entryFor(q, 1, 2)).isEqualTo(1);
        assertThat(b.admits(q, 1, 0, 11)).isFalse();
        assertThat(b.admits(q, 1, 2, 50)).isTrue();
    }

    @Test
    void cohortMembersBorrowUnusedQuotaWithinLimits() {
        QueueBook b = new QueueBook();
        int a = b.add("a", "labs", 1, List.of(new Quota(GB200, 100, 30, 100)));
        int c = b.add("c", "labs", 1, List.of(new Quota(GB200, 100, Quota.UNLIMITED, 40)));
        // a may borrow 30 above its 100, and c lends at most 40.
        assertThat(b.admits(a, 0, 0, 130)).isTrue();
        assertThat(b.admits(a, 0, 0, 131)).isFalse();
        b.charge(a, 0, 0, 130);
        // c's own guaranteed part (60) is still there; its lendable 40 has 10 left after a borrowed 30.
        assertThat(b.admits(c, 0, 0, 70)).isTrue();
        assertThat(b.admits(c, 0, 0, 71)).isFalse();
        b.charge(c, 0, 0, 70);
        assertThat(b.admits(a, 0, 0, 1)).isFalse();
        b.refund(a, 0, 0, 130);
        // c may now borrow a's whole lendable quota: 100 + 100.
        assertThat(b.admits(c, 0, 0, 130)).isTrue();
        assertThat(b.admits(c, 0, 0, 131)).isFalse();
    }

    @Test
    void dominantShareIsTheLargestUseOverNominalDividedByWeight() {
        QueueBook b = new QueueBook();
        int q = b.add("q", null, 2, List.of(Quota.of(GB200, 100), Quota.of(GB300_DFW, 10)));
        int open = b.add("open", -1);
        b.charge(q, 0, 0, 50);
        b.charge(q, 1, 0, 8);
        assertThat(b.dominantShare(q, 1000)).isEqualTo(0.8 / 2);
        b.charge(open, 0, 0, 250);
        assertThat(b.dominantShare(open, 1000)).isEqualTo(0.25);
        assertThat(b.unlimited(open)).isTrue();
    }
}
