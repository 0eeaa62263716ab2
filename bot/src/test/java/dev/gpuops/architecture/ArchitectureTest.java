package dev.gpuops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.runbook.engine.ServicesStepContext;
import dev.gpuops.provider.ssh.SshEndpoint;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of ../shared/style.md that a compiler cannot see, over the production classes of every module (the bot's
 * test classpath holds them all). A broken rule fails the build with the offending classes and lines.
 */
class ArchitectureTest {

    private static final String PROVIDER_CLIENTS = "dev.gpuops.provider..";
    /** event-handlers' classes, by where they were loaded from: a new package there is covered without a list. */
    private static final DescribedPredicate<JavaClass> EVENT_HANDLERS = inModule("event-handlers");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // modules arrive as target/classes or as packaged jars (mvn verify); test classes and test jars stay out
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        production = new ClassFileImporter().withImportOption(productionOnly).importPackages("dev.gpuops");
    }

    @Test
    void rulesSeeEveryModule() {
        assertThat(production.contain("dev.gpuops.provider.runpod.RunPodClient")).isTrue();
        assertThat(production.contain("dev.gpuops.runbook.engine.RunbookEngine")).isTrue();
        assertThat(production.contain("dev.gpuops.bot.GpuopsApplication")).isTrue();
        assertThat(production.contain("dev.gpuops.sandbox.SandboxFleet")).isTrue();
        assertThat(production.contain("dev.gpuops.target.TargetsLoaderTest")).as("test classes stay out").isFalse();
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
        assertThat(EVENT_HANDLERS.test(production.get("dev.gpuops.monitor.HealthMonitor"))).isTrue();
        assertThat(EVENT_HANDLERS.test(production.get("dev.gpuops.yaml.YamlTree"))).isTrue();
        assertThat(EVENT_HANDLERS.test(production.get("dev.gpuops.bot.GpuopsApplication"))).isFalse();
        assertThat(inModule("bot").test(production.get("dev.gpuops.bot.GpuopsApplication"))).isTrue();
    }

    @Test
    void providerClientsImportNoSpringKafkaOrSlack() {
        noClasses().that().resideInAPackage(PROVIDER_CLIENTS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.slack..")
                .because("provider-clients is a small SDK per vendor (style.md: Module graph)")
                .check(production);
    }

    @Test
    void providerClientsDependOnNothingOfOursAbove() {
        noClasses().that().resideInAPackage(PROVIDER_CLIENTS)
                .should().dependOnClassesThat(EVENT_HANDLERS.or(inModule("bot")))
                .because("dependencies point one way: bot -> event-handlers -> provider-clients")
                .check(production);
    }

    @Test
    void eventHandlersImportNoSlackAndNothingOfTheBot() {
        noClasses().that(EVENT_HANDLERS)
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "dev.gpuops.bot..")
                .because("event-handlers emits events; the bot renders them for Slack")
                .check(production);
    }

    @Test
    void onlyTheDemoWiringUsesTheSandbox() {
        noClasses().that().resideOutsideOfPackages("dev.gpuops.sandbox..", "dev.gpuops.bot.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("dev.gpuops.sandbox..")
                .because("simulators are for tests and the demo, never for production code paths")
                .check(production);
    }

    @Test
    void actionsLiveUnderRunbookAction() {
        classes().that().implement(Action.class).and().areNotInterfaces()
                .should().resideInAPackage("dev.gpuops.runbook.action..")
                .andShould().beAnnotatedWith(RunbookAction.class)
                .because("an action declares itself once, with @RunbookAction")
                .check(production);
    }

    @Test
    void actionsGetTheirClientsFromTheTypedContextNotTheServiceLocator() {
        noClasses().that().resideInAPackage("dev.gpuops.runbook.action..")
                .and().doNotBelongToAnyOf(Services.class)
                .should().dependOnClassesThat().belongToAnyOf(Services.class)
                .because("what an action needs shows in its code: StepContext.runpod(), ssh(), aws()… "
                        + "(issue 14: explicit dependencies)")
                .check(production);
    }

    @Test
    void actionsDoNotRepeatTheirDeclarationInCode() {
        noMethods().that().areDeclaredInClassesThat().implement(Action.class)
                .and().haveNameMatching("key|paramsType|description|idempotent|destructive")
                .and().haveRawParameterTypes(new Class<?>[0])
                .should().beDeclaredInClassesThat().resideInAPackage("dev.gpuops..")
                .because("key, params, description, idempotent and destructive come from @RunbookAction")
                .allowEmptyShould(true) // no action overrides them today: that is the point
                .check(production);
    }

    @Test
    void eventsAreRecords() {
        classes().that().implement(GpuopsEvent.class).and().areNotInterfaces()
                .should().beRecords()
                .andShould().resideInAPackage("dev.gpuops.event..")
                .check(production);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.gpuops.(**)").should().beFreeOfCycles()
                .because("style.md: packages form a graph without cycles, so each can be read on its own")
                .check(production);
    }

    @Test
    void jacksonTwoStaysBehindTheYamlPackage() {
        noClasses().that().resideOutsideOfPackage("dev.gpuops.yaml..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.core..", "com.fasterxml.jackson.dataformat..")
                .because("gpuops speaks Jackson 3; only the JSON Schema validator needs Jackson 2, and "
                        + "dev.gpuops.yaml hides it (issue 14: one YAML + schema package)")
                .check(production);
    }

    @Test
    void stepContextsReadTheirClientsThroughOneBase() {
        classes().that().implement(StepContext.class).and().areNotInterfaces()
                .and().doNotBelongToAnyOf(ServicesStepContext.class)
                .should().beAssignableTo(ServicesStepContext.class)
                .because("the typed client accessors are written once; a new client is one line there")
                .check(production);
    }

    @Test
    void actionsResolveSshAddressesOnlyThroughSshTargets() {
        DescribedPredicate<JavaMethodCall> endpointOf = DescribedPredicate.describe("SshEndpoint.of",
                call -> call.getTargetOwner().isEquivalentTo(SshEndpoint.class) && call.getName().equals("of"));
        noClasses().that().resideInAPackage("dev.gpuops.runbook..")
                .and().doNotBelongToAnyOf(SshTargets.class)
                .should().callMethodWhere(endpointOf)
                .because("one resolver merges a step's host/port/user with the target's ssh section and words "
                        + "its errors (issue 14)")
                .check(production);
    }

    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("in module " + module, type -> type.getSource()
                .map(source -> source.getUri().toString())
                .filter(uri -> uri.contains("/" + module + "/target/") || uri.contains("/" + module + "-"))
                .isPresent());
    }
}
