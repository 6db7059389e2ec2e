package dev.lmqharness.suite;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The suite's packages (broker, junit, cli, tests.*) depend on each other one way only, and reach MQTT
 * client libraries only through the harness kit's clients.
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.lmqharness.suite.(**)").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.lmqharness.suite"));
    }

    @Test
    void testsUseNoClientLibraryDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.hivemq.client..", "org.eclipse.paho..")
                .check(new ClassFileImporter().importPackages("dev.lmqharness.suite"));
    }
}
