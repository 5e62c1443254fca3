package io.ultrafleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.ClusterState;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the architecture depends on, checked on the compiled main classes of every module: the scheduling core
 * depends on no other module and on no library, and only {@link ClusterState} changes the fleet once it is built.
 */
class LayeringTest {
    /** The core's packages: the fleet, jobs, time, saturating arithmetic and the scheduler. */
    static final String[] CORE = {
        "io.ultrafleet.fleet..",
        "io.ultrafleet.workload..",
        "io.ultrafleet.scheduling..",
        "io.ultrafleet.time..",
        "io.ultrafleet.math.."
    };

    /** The given packages and the JDK's. */
    static String[] withJdk(String[] packages) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = "java..";
        return all;
    }

    /** FleetState's methods that change the fleet. */
    static final Set<String> FLEET_WRITES = Set.of(
            "addRack", "allocate", "release", "retireIfDrained", "retake", "takeDown", "bringUp", "decommission");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultrafleet");
        for (String name : new String[] {
            "io.ultrafleet.scheduling.ClusterState", "io.ultrafleet.twin.run.TwinRun", "io.ultrafleet.cli.Main"
        }) {
            assertThat(classes.contain(name)).as("imported " + name).isTrue();
        }
    }

    @Test
    void theCoreDependsOnNothingButItselfAndTheJdk() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(withJdk(CORE))
                .because("the scheduling core is passive and shared by every driver (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void theScenarioFormatDependsOnTheCoreOnly() {
        noClasses()
                .that()
                .resideInAnyPackage("io.ultrafleet.spec..", "io.ultrafleet.forecast..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ultrafleet.twin..",
                        "io.ultrafleet.report..",
                        "io.ultrafleet.server..",
                        "io.ultrafleet.cli..")
                .because("a server reads scenarios without the twin")
                .check(classes);
    }

    @Test
    void theServerDoesNotDragInTheTwin() {
        noClasses()
                .that()
                .resideInAPackage("io.ultrafleet.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.ultrafleet.twin..", "io.ultrafleet.report..", "io.ultrafleet.cli..")
                .check(classes);
    }

    @Test
    void onlyClusterStateChangesTheFleet() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(ClusterState.class, FleetState.class)
                .should(callAFleetWrite())
                .because("ClusterState is the one writer of the fleet, its occupancy and queue usage")
                .check(classes);
    }

    private static ArchCondition<com.tngtech.archunit.core.domain.JavaClass> callAFleetWrite() {
        return new ArchCondition<>("call a method of FleetState that changes the fleet") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaClass c, ConditionEvents events) {
                for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(FleetState.class)
                            && FLEET_WRITES.contains(call.getName())) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }
}
