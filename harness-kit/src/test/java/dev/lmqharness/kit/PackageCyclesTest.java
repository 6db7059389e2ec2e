package dev.lmqharness.kit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The kit's packages depend on each other one way only, and the kit never on the broker or the suite. */
class PackageCyclesTest {
    private static final JavaClasses KIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lmqharness.kit");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.lmqharness.kit.(*)..").should().beFreeOfCycles().check(KIT);
    }

    @Test
    void theKitKnowsNothingOfTheBrokerOrTheSuite() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.lmqharness.broker..",
                "dev.lmqharness.suite..", "dev.lmqharness.load..").check(KIT);
    }
}
