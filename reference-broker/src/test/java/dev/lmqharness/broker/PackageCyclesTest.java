package dev.lmqharness.broker;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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

    /**
     * No decoys: each rule, auth and event class is reached from the broker's entry point through
     * the main code's dependencies. A class of constants only is exempt: javac inlines its values, so
     * the bytecode cannot show its use.
     */
    @Test
    void ruleClassesAreReachableFromTheBrokersEntryPoint() {
        Set<String> reached = reachableFrom(BROKER.get(B + ".cli.BrokerMain"));
        classes().that().resideInAnyPackage(B + ".rules..", B + ".auth..", B + ".events..").and().areTopLevelClasses()
                .should(new ArchCondition<>("be reached from BrokerMain") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        boolean ok = reached.contains(c.getName()) || constantsOnly(c);
                        events.add(new SimpleConditionEvent(c, ok, c.getName() + " is not reached from BrokerMain"));
                    }
                }).check(BROKER);
    }

    private static Set<String> reachableFrom(JavaClass entry) {
        Set<String> seen = new HashSet<>(Set.of(entry.getName()));
        Deque<JavaClass> todo = new ArrayDeque<>(List.of(entry));
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass();
                if (t.getPackageName().startsWith(B) && seen.add(t.getName())) {
                    todo.push(t);
                }
            }
            // a nested class reaches its enclosing class (and the other way round)
            c.getEnclosingClass().filter(e -> seen.add(e.getName())).ifPresent(todo::push);
        }
        return seen;
    }

    private static boolean constantsOnly(JavaClass c) {
        return c.getMethods().isEmpty() && c.getFields().stream().allMatch(f -> f.getModifiers().contains(JavaModifier.STATIC)
                && f.getModifiers().contains(JavaModifier.FINAL));
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
