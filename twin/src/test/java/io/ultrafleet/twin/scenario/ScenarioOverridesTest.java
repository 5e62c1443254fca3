package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioOverrides;
import io.ultrafleet.spec.SchedulerSpec;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields set from outside the file, as sweeps set them: put into the document, then checked like the file. */
class ScenarioOverridesTest {
    private static Scenario load(String yaml, String path, String value) {
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load("test.yaml", new StringReader(yaml), List.of(new FieldOverride(path, value)));
    }

    private static Scenario load(String path, String value) {
        return load(TestScenarios.BASE, path, value);
    }

    @Test
    void setsAFieldThatIsWritten() {
        assertThat(load("seed", "7").seed()).isEqualTo(7);
        assertThat(load("fleet.deliveries[0].racks", "12")
                        .fleet()
                        .deliveries()
                        .get(0)
                        .racks())
                .isEqualTo(12);
        assertThat(load("training.jobs[0].gpus", "128").training().jobs().get(0).gpus())
                .isEqualTo(128);
    }

    @Test
    void addsAFieldAndTheSectionsOnTheWay() {
        Scenario s = load("scheduler.backfill.maxGangs", "3");
        assertThat(s.scheduler().backfillMaxGangs()).isEqualTo(3);
        assertThat(s.scheduler().queueDepth()).isEqualTo(SchedulerSpec.DEFAULT.queueDepth());
        String withScheduler = TestScenarios.BASE + "scheduler:\n  queueDepth: 50\n";
        Scenario t = load(withScheduler, "scheduler.backfill.maxGangs", "5");
        assertThat(t.scheduler().queueDepth()).isEqualTo(50);
        assertThat(t.scheduler().backfillMaxGangs()).isEqualTo(5);
    }

    @Test
    void aBadValueIsReportedAtTheFieldItReplaces() {
        assertThatThrownBy(() -> load("fleet.deliveries[0].racks", "-5"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(
                        "test.yaml:14:46: field 'fleet.deliveries[0].racks': found -5, allowed an integer from 1 to 1000000");
        assertThatThrownBy(() -> load("seed", "many"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("field 'seed': found many");
    }

    @Test
    void anUnknownFieldGetsDidYouMean() {
        assertThatThrownBy(() -> load("scheduler.backfill.maxGang", "3"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("unknown field 'scheduler.backfill.maxGang' (did you mean 'maxGangs'?)");
        ScenarioException e = (ScenarioException)
                org.assertj.core.api.Assertions.catchThrowable(() -> load("scheduler.backfillMaxGangs", "3"));
        assertThat(e.field()).isEqualTo("scheduler.backfillMaxGangs");
        assertThat(e.detail()).startsWith("unknown field 'scheduler.backfillMaxGangs'");
    }

    @Test
    void aPathThatCannotBeFollowedIsNamed() {
        String withSeed = TestScenarios.BASE + "seed: 1\n";
        assertThatThrownBy(() -> load(withSeed, "seed.value", "3"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("--set seed.value=3: field 'seed' is 1, not a mapping")
                .satisfies(e -> assertThat(((ScenarioException) e).field()).isEqualTo("seed"));
        assertThatThrownBy(() -> load(withSeed, "fleet.deliveries[3].racks", "3"))
                .hasMessageContaining(
                        "--set fleet.deliveries[3].racks=3: field 'fleet.deliveries' has 1 entry, allowed only the"
                                + " index 0");
        String withLists = TestScenarios.BASE + "none: []\ntwo: [1, 2]\n";
        assertThatThrownBy(() -> load(withLists, "none[0]", "3"))
                .hasMessageContaining("--set none[0]=3: field 'none' has no entries, so no index is allowed");
        assertThatThrownBy(() -> load(withLists, "two[2]", "3"))
                .hasMessageContaining("--set two[2]=3: field 'two' has 2 entries, allowed an index from 0 to 1");
        assertThatThrownBy(() -> load("fleet.deliveries.racks", "3"))
                .hasMessageContaining("field 'fleet.deliveries' is a list, not a mapping");
        assertThatThrownBy(() -> load("seed", "[1, 2]"))
                .hasMessageContaining("--set seed=[1, 2]: found '[1, 2]', allowed a single value");
        assertThatThrownBy(() -> new FieldOverride("scheduler..x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldOverride("x[", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePatchedDocumentLoadsToTheSameScenario() {
        List<FieldOverride> o = List.of(
                new FieldOverride("fleet.deliveries[0].racks", "12"), new FieldOverride("scheduler.queueDepth", "9"));
        String yaml = ScenarioOverrides.yaml("test.yaml", TestScenarios.BASE, o);
        ScenarioLoader loader = new ScenarioLoader(HardwareCatalogue.builtIn());
        Scenario direct = loader.load("test.yaml", new StringReader(TestScenarios.BASE), o);
        Scenario reread = loader.load("patched.yaml", new StringReader(yaml));
        assertThat(reread).isEqualTo(direct);
        assertThat(reread.scheduler().queueDepth()).isEqualTo(9);
        assertThat(yaml).contains("racks: 12");
    }
}
