package io.ultrafleet.twin.replay.philly;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.twin.testdata.ProjectData;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Philly replay against the real active servers of October 2017 (data/philly): calibrated on 3-15 October, held
 * to a daily-mean error of at most 15 % on 16-31 October, which the calibration did not see (docs/replay.md).
 */
class PhillyValidationTest {
    static final long OCT_3 = PhillyTraceTest.ms("2017-10-03 00:00:00");
    static final long OCT_16 = PhillyTraceTest.ms("2017-10-16 00:00:00");
    static final long NOV_1 = PhillyTraceTest.ms("2017-11-01 00:00:00");

    static List<PhillyJob> jobs;
    static List<PhillyMachine> machines;
    static List<PhillyVc> vcs;
    static NodeSequence real;

    @BeforeAll
    static void read() {
        jobs = PhillyTrace.readJobs(ProjectData.require("philly/pollux_philly_jobs.csv"));
        machines = PhillyTrace.readMachines(ProjectData.require("philly/revised_machine_list.csv"));
        vcs = PhillyTrace.readVcs(ProjectData.require("philly/philly_vc_nodes.csv"));
        real = NodeSequence.read(ProjectData.require("philly/philly_node_sequence_oct.csv"));
    }

    static PhillyResult replay(double unseenWork) {
        return PhillyReplay.run(
                jobs,
                machines,
                vcs,
                new PhillyReplay.Settings(
                        PhillyPolicies.named(PhillyPolicies.DEFAULT).orElseThrow(),
                        InServicePool.PHILLY_SERVERS,
                        unseenWork),
                (now, events) -> {});
    }

    @Test
    void theHeldOutWeeksOfOctoberAreWithin15PerCent() {
        PhillyResult r = replay(PhillyReplay.CALIBRATED_UNSEEN_WORK);
        List<DailyAgreement.Day> heldOut = DailyAgreement.days(r.active(), real, OCT_16, NOV_1);
        // 16 days, less 26 October, when the real series lost most of its minutes.
        assertThat(heldOut).hasSize(15);
        assertThat(DailyAgreement.mape(heldOut)).isLessThanOrEqualTo(0.15);
        assertThat(r.all().completed()).isEqualTo(jobs.size());
    }

    @Test
    void theCalibratedUnseenWorkFitsTheCalibrationWeeksBestAmongItsNeighbours() {
        double calibrated = calibrationError(PhillyReplay.CALIBRATED_UNSEEN_WORK);
        assertThat(calibrated).isLessThanOrEqualTo(0.15);
        assertThat(calibrated).isLessThan(calibrationError(PhillyReplay.CALIBRATED_UNSEEN_WORK - 0.1));
        assertThat(calibrated).isLessThan(calibrationError(PhillyReplay.CALIBRATED_UNSEEN_WORK + 0.1));
        assertThat(calibrationError(0)).as("the trace's jobs alone").isGreaterThan(0.5);
    }

    private static double calibrationError(double unseenWork) {
        return DailyAgreement.mape(DailyAgreement.days(replay(unseenWork).active(), real, OCT_3, OCT_16));
    }
}
