package io.ultrafleet.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What a server hands a forecast, the live state ({@code LiveSnapshot}) and the recent past ({@code DemandHistory}),
 * and what it gets back ({@code Forecast}), are plain data made of the core's and the scenario format's types only:
 * they live in the scenario format's module, so that a server fills and reads them without the twin.
 */
class ForecastInputsTest {
    @Test
    void theSnapshotTheHistoryAndTheForecastAreMadeOfCoreAndFormatTypesOnly() {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultrafleet.forecast");
        String inputs = "io\\.ultrafleet\\.forecast\\.(LiveSnapshot|DemandHistory|Forecast)(\\$.*)?";
        classes()
                .that()
                .haveNameMatching(inputs)
                .should()
                .onlyDependOnClassesThat(or(
                        resideInAnyPackage(LayeringTest.CORE),
                        resideInAnyPackage("io.ultrafleet.spec..", "java.."),
                        nameMatching(inputs)))
                .check(imported);
    }
}
