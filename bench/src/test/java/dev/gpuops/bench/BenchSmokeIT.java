package dev.gpuops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every scenario of {@code ./gpuops bench} in smoke mode (a few requests each) against the bot.jar the reactor
 * just packaged, so the harness keeps working. It checks that each scenario measured something and that what was
 * measured was correct (answers, finished runs, diagnoses); it asserts no duration.
 */
class BenchSmokeIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path results;

    @Test
    void everyScenarioRunsAndWritesTheTableJsonAndHtml() throws Exception {
        int exit = Bench.run(new String[] {"--smoke", "--repo", REPO.toString(), "--results", results.toString()});

        assertThat(exit).as("no scenario crashed").isZero();
        Path json = only(".json");
        JsonNode run = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(run.path("loadAvgAtStart").asString()).isNotBlank();
        List<JsonNode> all = new ArrayList<>();
        run.path("results").forEach(all::add);
        assertThat(all).extracting(r -> r.path("scenario").asString()).containsOnly("ack", "pipeline", "notifier",
                "diagnosis", "diagnose-cli", "fanout", "monitor", "startup")
                .contains("ack", "pipeline", "notifier", "diagnosis", "diagnose-cli", "fanout", "monitor", "startup");
        for (JsonNode result : all) {
            assertThat(result.path("loadAvg").asString()).as("load average of %s", name(result)).isNotBlank();
            assertThat(result.path("note").asString("")).as(name(result)).doesNotStartWith("not available");
            assertThat(result.path("metrics").size()).as("metrics of %s", name(result)).isPositive();
        }
        assertThat(goal(all, "ack", "every answer 200 with the expected text")).allMatch(JsonNode::asBoolean);
        assertThat(all).filteredOn(r -> r.path("scenario").asString().equals("ack")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("metrics").path("botCpuUs").asLong(-2))
                        .as("the bot's CPU per request of %s, read from /proc", name(r)).isGreaterThanOrEqualTo(0));
        assertThat(goal(all, "pipeline", "every command acked and finished")).allMatch(JsonNode::asBoolean);
        assertThat(goal(all, "notifier", "final state correct (root shows the run succeeded)"))
                .singleElement().matches(JsonNode::asBoolean);
        assertThat(goal(all, "diagnose-cli", "names the CUDA OOM")).singleElement().matches(JsonNode::asBoolean);
        assertThat(goal(all, "fanout", "every status read")).hasSize(2).allMatch(JsonNode::asBoolean);
        assertThat(all).filteredOn(r -> r.path("scenario").asString().equals("monitor")).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("metrics").path("targets").asLong()).isEqualTo(20);
                    assertThat(r.path("metrics").path("probes").asLong()).as("the monitor probed").isPositive();
                });
        assertThat(all).filteredOn(r -> r.path("scenario").asString().equals("startup")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("metrics").path("cpuP50").asDouble())
                        .as("the bot JVM's CPU time at READY was read").isPositive());
        assertThat(Files.readString(only(".html"))).contains("<svg", "ack", "pipeline", "load average");
    }

    private static String name(JsonNode result) {
        return result.path("scenario").asString() + "/" + result.path("name").asString();
    }

    /** The "met" flags of one goal across a scenario's cases. */
    private static List<JsonNode> goal(List<JsonNode> results, String scenario, String what) {
        List<JsonNode> met = new ArrayList<>();
        results.stream().filter(r -> r.path("scenario").asString().equals(scenario))
                .forEach(r -> r.path("goals").forEach(g -> {
                    if (g.path("what").asString().equals(what)) {
                        met.add(g.path("met"));
                    }
                }));
        assertThat(met).as("%s has a goal '%s'", scenario, what).isNotEmpty();
        return met;
    }

    private Path only(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }
}
