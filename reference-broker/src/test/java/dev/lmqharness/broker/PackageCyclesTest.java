package dev.lmqharness.broker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The broker's packages depend on each other one way only; the rule logic knows nothing of Netty;
 * the data path is layered transport, protocol, session, routing, store.
 */
@Timeout(60)
class PackageCyclesTest {

    private static final String B = "dev.lmqharness.broker";
    private static final JavaClasses BROKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(B);

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(B + ".(*)..").should().beFreeOfCycles().check(BROKER);
    }

    /** The broker's tests reach MQTT client libraries only through the harness kit's clients. */
    @Test
    void brokerAndItsTestsUseNoClientLibraryDirectly() {
        JavaClasses withTests = new ClassFileImporter().importPackages(B);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.hivemq.client..", "org.eclipse.paho..")
                .check(withTests);
    }

    @Test
    void ruleLogicIsFreeOfNetty() {
        noClasses().that().resideInAnyPackage(B + ".rules..", B + ".auth..", B + ".events..", B + ".clock..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..").check(BROKER);
    }

    @Test
    void theDataPathGoesOneWay() {
        noClasses().that().resideInAnyPackage(B + ".store..", B + ".routing..")
                .should().dependOnClassesThat().resideInAnyPackage(B + ".session..", B + ".protocol..", B + ".transport..")
                .check(BROKER);
        noClasses().that().resideInAnyPackage(B + ".session..")
                .should().dependOnClassesThat().resideInAnyPackage(B + ".protocol..", B + ".transport..").check(BROKER);
        // transport knows protocol only through the MqttPipelineInstaller interface it declares
        noClasses().that().resideInAnyPackage(B + ".transport..")
                .should().dependOnClassesThat().resideInAnyPackage(B + ".protocol..", B + ".session..").check(BROKER);
    }
}
