package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.diagnosis.PatternCatalog;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.NoRunbookException;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.RunbookLoader;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped runbooks and the demo targets template, loaded the way the bot loads them. */
class ShippedRunbooksTest {

    static final Path RUNBOOKS = Path.of("..", "runbooks");
    static final Path TEMPLATE = RUNBOOKS.resolve("targets").resolve("demo-targets.yaml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{sandbox\\.[A-Za-z0-9_.-]+}");

    /** verb → the providers a shipped runbook serves; everything else is "not applicable" by design. */
    static final Map<Verb, Set<String>> COVERAGE = Map.of(
            Verb.DEPLOY, Set.of("ssh", "lambda", "runpod", "vast", "aws-asg"),
            Verb.PROMOTE, Set.of("ssh", "lambda", "runpod", "vast"),
            Verb.STATUS, Set.of("ssh", "lambda", "runpod", "vast", "aws-asg"),
            Verb.RESTART, Set.of("ssh", "lambda", "vast"),
            Verb.LOGS, Set.of("ssh", "lambda", "vast", "aws-asg"),
            Verb.DIAGNOSE, Set.of("ssh", "lambda", "runpod", "vast", "aws-asg"),
            Verb.PURGE, Set.of("runpod"),
            Verb.SCALE, Set.of("runpod", "aws-asg"));

    static List<Runbook> loadShipped() {
        return new RunbookLoader(BuiltInActions.registry(),
                RunbookSchema.from(RUNBOOKS.resolve("schema").resolve("runbook.schema.json"))).load(RUNBOOKS);
    }

    @Test
    void everyShippedRunbookLoadsAndValidatesAgainstTheBuiltInActions() throws IOException {
        List<Runbook> runbooks = loadShipped();

        long files;
        try (Stream<Path> list = Files.list(RUNBOOKS)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).count();
        }
        assertThat(runbooks).hasSize((int) files);
        assertThat(runbooks).allSatisfy(r -> assertThat(r.file()).isEqualTo(r.name() + ".yaml"));
    }

    @Test
    void eachVerbAndProviderHasExactlyTheRunbooksOfTheCoverageTable() {
        List<Runbook> runbooks = loadShipped();

        for (Verb verb : Verb.values()) {
            for (String provider : List.of("ssh", "lambda", "runpod", "vast", "aws-asg")) {
                long serving = runbooks.stream().filter(r -> r.verb() == verb && r.appliesTo(provider)).count();
                assertThat(serving).as(verb.key() + " × " + provider)
                        .isEqualTo(COVERAGE.get(verb).contains(provider) ? 1 : 0);
            }
        }
    }

    @Test
    void runbooksUseOnlyTheInputNamesTheSlashCommandSends() {
        Set<String> sent = Set.of("tag", "force", "program", "count");
        Set<String> defaultsOnly = Set.of("fleet");

        for (Runbook runbook : loadShipped()) {
            runbook.inputs().values().forEach(input -> {
                assertThat(sent.contains(input.name()) || defaultsOnly.contains(input.name()))
                        .as(runbook.name() + " input " + input.name()).isTrue();
                if (defaultsOnly.contains(input.name())) {
                    assertThat(input.defaultValue()).as(runbook.name() + " " + input.name()).isNotBlank();
                }
            });
        }
    }

    @Test
    void everyStepSaysWhatItDoesInTheThread() {
        ActionRegistry registry = BuiltInActions.registry();

        for (Runbook runbook : loadShipped()) {
            runbook.steps().forEach(step -> {
                String shown = step.description() != null ? step.description()
                        : registry.find(step.action()).orElseThrow().description();
                assertThat(shown).as(runbook.name() + "/" + step.id()).isNotBlank();
            });
        }
    }

    @Test
    void demoTargetsTemplateParsesOnceItsPlaceholdersAreFilled(@TempDir Path dir) throws IOException {
        Path filled = dir.resolve("demo-targets.yaml");
        Files.writeString(filled, fill(Files.readString(TEMPLATE)));

        Targets targets = new TargetsLoader().load(filled);
        RunbookCatalog catalog = RunbookCatalog.create(loadShipped(), targets);

        assertThat(targets.names()).contains("box-1", "image-server", "huihuang", "sophia", "comfy-fleet");
        assertThat(targets.all()).extracting(Target::channel).containsOnly("C0GPUOPS01");
        assertThat(targets.all()).filteredOn(Target::production).isNotEmpty();
        for (Target target : targets.all()) {
            for (Verb verb : Verb.values()) {
                if (COVERAGE.get(verb).contains(target.provider())) {
                    assertThat(catalog.select(verb, target).verb()).isEqualTo(verb);
                } else {
                    assertThatThrownBy(() -> catalog.select(verb, target)).isInstanceOf(NoRunbookException.class)
                            .hasMessageContaining("applies to");
                }
            }
        }
    }

    @Test
    void everyPlaceholderOfTheTemplateIsDocumentedInItsHeader() throws IOException {
        String text = Files.readString(TEMPLATE);
        String header = text.substring(0, text.indexOf("\ntargets:"));
        String body = text.substring(header.length());

        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            used.add(m.group().replaceAll("\\.(ssh|health)\\.[a-z0-9-]+\\.", ".$1.<host>."));
        }
        assertThat(used).isNotEmpty().allSatisfy(p -> assertThat(header).contains(p));
    }

    @Test
    void builtInActionsListEveryActionClassOnce() throws Exception {
        Set<Class<?>> listed = BuiltInActions.all().stream().map(Object::getClass).collect(Collectors.toSet());
        Path classes = Path.of(BuiltInActions.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Set<Class<?>> found = new LinkedHashSet<>();
        try (Stream<Path> walk = Files.walk(classes.resolve("dev/gpuops/runbook/action"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                if (Action.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    found.add(type);
                }
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(found);
        assertThat(BuiltInActions.all()).hasSameSizeAs(listed);
    }

    @Test
    void everyShippedRunbookHasAHappyRunAndADiagnosedFaultInTheSeedITs(@TempDir Path dir) throws IOException {
        Path filled = dir.resolve("demo-targets.yaml");
        Files.writeString(filled, fill(Files.readString(TEMPLATE)));
        Targets targets = new TargetsLoader().load(filled);
        RunbookCatalog catalog = RunbookCatalog.create(loadShipped(), targets);
        Map<String, List<SeedCase>> byRunbook = Stream.of(SshBoxSeedIT.cases(), LambdaSeedIT.cases(),
                        RunPodSeedIT.cases(), VastSeedIT.cases(), AwsFleetSeedIT.cases()).flatMap(s -> s)
                .collect(Collectors.groupingBy(c -> catalog.select(c.verb, targets.find(c.target).orElseThrow())
                        .name()));

        for (Runbook runbook : loadShipped()) {
            List<SeedCase> cases = byRunbook.getOrDefault(runbook.name(), List.of());
            assertThat(cases).as(runbook.name() + " happy path").anyMatch(SeedCase::happy);
            assertThat(cases).as(runbook.name() + " fault diagnosed by a catalog pattern")
                    .anyMatch(c -> c.pattern() != null);
        }
    }

    @Test
    void theDiagnosisCatalogLoadsAndHasEveryPatternTheSeedITsExpect() {
        PatternCatalog patterns = PatternCatalog.load(RUNBOOKS.resolve("patterns"));

        Set<String> expected = Stream.of(SshBoxSeedIT.cases(), LambdaSeedIT.cases(), RunPodSeedIT.cases(),
                        VastSeedIT.cases(), AwsFleetSeedIT.cases()).flatMap(s -> s).map(SeedCase::pattern)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertThat(patterns.size()).isPositive();
        assertThat(expected).allSatisfy(id -> assertThat(patterns.find(id)).as(id).isPresent());
    }

    /** Dummy values of the right shape for every placeholder, as the bot will fill them. */
    static String fill(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group();
            String value = name.endsWith(".port}") ? "2222"
                    : name.endsWith(".instanceId}") ? "4242"
                    : name.endsWith(".url}") ? "http://127.0.0.1:8000/health"
                    : name.contains("registry.host") ? "127.0.0.1:5000"
                    : name.endsWith(".host}") ? "127.0.0.1"
                    : name.endsWith(".user}") ? "ubuntu"
                    : name.contains("keys.") ? "/tmp/gpuops-demo/" + name.replaceAll("\\W", "")
                    : "abc123def456";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
