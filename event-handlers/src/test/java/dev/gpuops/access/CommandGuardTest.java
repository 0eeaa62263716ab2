package dev.gpuops.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.Fixtures;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handlers' re-check of records that may not have come through ingress. */
class CommandGuardTest {

    private static final Targets FILE = new TargetsLoader().load(Fixtures.targets("access.yaml"));
    private static final Targets PLAIN = new TargetsLoader().load(Fixtures.targets("targets.yaml"));
    private final CommandGuard guard = new CommandGuard(new AccessControl(FILE.access(), GroupDirectory.NONE));

    @Test
    void aForgedCommandFromAnUnlistedUserIsRefused() {
        assertThat(guard.refusal(command(Verb.PURGE, Map.of(), slack("U0MALLORY")), target("prod-a")))
                .get().asString().startsWith("Refused: `purge prod-a` needs operator permission");
        assertThat(guard.refusal(command(Verb.PURGE, Map.of(), slack("U0LEAD")), target("prod-a"))).isEmpty();
    }

    @Test
    void inputsOutsideTheAllowListAreRefusedWhoeverSendsThem() {
        assertThat(guard.refusal(command(Verb.RESTART, Map.of("program", "x; rm -rf /"), slack("U0LEAD")),
                target("prod-a"))).get().asString().contains("input `program` has a value that is not allowed");
        assertThat(guard.refusal(command(Verb.STATUS, Map.of("command", "reboot"), slack("U0LEAD")),
                target("prod-a"))).get().asString().contains("input `command` is not accepted by `status`");
        assertThat(guard.refusal(command(Verb.SCALE, Map.of("count", "1000"), slack("U0LEAD")), target("prod-a")))
                .isPresent();
        assertThat(guard.refusal(command(Verb.SCALE, Map.of("count", "3"), slack("U0LEAD")), target("prod-a")))
                .isEmpty();
    }

    @Test
    void githubMayOnlyDeployTheConfiguredTagToASubscribedTargetAndOtherSourcesAreRefused() {
        CommandGuard plain = new CommandGuard(new AccessControl(PLAIN.access(), GroupDirectory.NONE));
        Target box = PLAIN.find("box-1").orElseThrow();
        Origin github = new Origin("github", "C1", "octocat", "octocat", "d-1");
        assertThat(plain.refusal(command(Verb.DEPLOY, Map.of("tag", "canary"), github), box)).isEmpty();
        assertThat(plain.refusal(command(Verb.DEPLOY, Map.of("tag", "evil"), github), box)).get().asString()
                .contains("only the configured tag `canary`");
        assertThat(plain.refusal(command(Verb.PURGE, Map.of(), github), box)).isPresent();
        assertThat(plain.refusal(command(Verb.STATUS, Map.of(), new Origin("kafka-cli", "C1", "U1", "x", "r")),
                box)).get().asString().contains("source `kafka-cli` is not accepted");
        assertThat(plain.refusal(command(Verb.STATUS, Map.of(), null), box)).isPresent();
    }

    private static CommandReceived command(Verb verb, Map<String, String> inputs, Origin origin) {
        return new CommandReceived("e-1", Instant.parse("2026-12-06T12:00:00Z"), "prod-a", "r-00000001", verb,
                inputs, origin);
    }

    private static Origin slack(String user) {
        return new Origin("slack", "C0OPS", user, "someone", "t-1");
    }

    private static Target target(String name) {
        return FILE.find(name).orElseThrow();
    }
}
