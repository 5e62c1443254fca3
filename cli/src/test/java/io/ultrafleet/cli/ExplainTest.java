package io.ultrafleet.cli;

import static io.ultrafleet.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplainTest {
    @Test
    void explainPrintsTheJobsDecisionsAfterTheSummary() {
        CliTest.Outcome o = run("simulate", "--until", "2025-12-20", "--explain", "frontier-pilot");
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains("Decisions about job frontier-pilot")
                .contains("submitted to frontier/pretrain: 9216 GPUs")
                .contains("started on 9216 GPUs of gb200-nvl72");
    }

    @Test
    void withJsonTheDecisionsGoToStderr() {
        CliTest.Outcome o = run("simulate", "--until", "2025-11-20", "--json", "--explain", "research-1");
        assertThat(o.code()).isZero();
        assertThat(o.out()).doesNotContain("Decisions");
        assertThat(o.err()).contains("Decisions about job research-1").contains("submitted to research/adhoc");
        CliTest.topLevelScalars(o.out());
    }

    @Test
    void unknownJobNamesAreRefusedBeforeTheRun() {
        CliTest.Outcome o = run("simulate", "--explain", "nobody");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .contains("--explain: 'nobody' is no job of aws-openai-2025")
                .contains("frontier-pilot")
                .contains("posttrain-rl");
        assertThat(run("simulate", "--explain", "research-0").code()).isEqualTo(2);
    }
}
