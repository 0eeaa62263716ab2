package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.Verb;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 004: the shared ComfyUI GPU fleet behind an Auto Scaling group, through every shipped aws-asg runbook. */
@ExtendWith(SeedWorldExtension.class)
@Timeout(60)
class AwsFleetSeedIT {

    static final String FLEET = "comfy-fleet";
    static final String GROUP = "asg-staging-gpu-default";
    private static final String BUNDLE = "/bp/staging/fleets/gpu-default/active_bundle";

    static Stream<SeedCase> cases() {
        return Stream.of(
                SeedCase.succeeds("deploy bundle b-0002 to the fleet", FLEET, Verb.DEPLOY).input("tag", "b-0002")
                        .verify((w, r) -> {
                            assertThat(w.sims.aws.parameterValue(BUNDLE)).contains("bundles/b-0002");
                            assertThat(r.summary("refresh")).get().asString().contains("Successful");
                            assertThat(r.summary("secret")).get().asString().contains("sha256:");
                        }),
                SeedCase.succeeds("status comfy-fleet", FLEET, Verb.STATUS),
                SeedCase.succeeds("logs comfy-fleet", FLEET, Verb.LOGS)
                        .verify((w, r) -> assertThat(r.summary("show")).get().asString().contains("registered")),
                SeedCase.succeeds("diagnose healthy comfy-fleet", FLEET, Verb.DIAGNOSE),
                SeedCase.succeeds("scale comfy-fleet to 3", FLEET, Verb.SCALE).input("count", "3")
                        .verify((w, r) -> assertThat(w.sims.aws.desiredCapacity(GROUP)).isEqualTo(3)),
                SeedCase.fails("deploy while the fleet secret is a placeholder", FLEET, Verb.DEPLOY)
                        .input("tag", "b-0003")
                        .before(w -> w.sims.aws.fail("placeholder-secret")).after(w -> w.sims.aws.heal())
                        .diagnosed("secret", "worker-not-registering")
                        .verify((w, r) -> assertThat(w.sims.aws.parameterValue(BUNDLE)).contains("bundles/b-0002")),
                SeedCase.fails("deploy when the instance refresh fails", FLEET, Verb.DEPLOY).input("tag", "b-0003")
                        .before(w -> w.sims.aws.fail("refresh-fails")).after(w -> w.sims.aws.heal())
                        .diagnosed("refresh", "instance-refresh-failed"),
                SeedCase.fails("deploy when new workers never register", FLEET, Verb.DEPLOY).input("tag", "b-0004")
                        .before(w -> w.sims.aws.fail("workers-not-registering")).after(w -> w.sims.aws.heal())
                        .diagnosed("registered", "worker-not-registering"),
                SeedCase.findsProblems("status with the fleet secret a placeholder", FLEET, Verb.STATUS)
                        .before(w -> w.sims.aws.fail("placeholder-secret")).after(w -> w.sims.aws.heal())
                        .diagnosed("verdict", "worker-not-registering"),
                SeedCase.findsProblems("diagnose workers that never register", FLEET, Verb.DIAGNOSE)
                        .before(w -> w.sims.aws.fail("workers-not-registering")).after(w -> w.sims.aws.heal())
                        .diagnosed("verdict", "worker-not-registering"),
                SeedCase.fails("logs without IAM permission", FLEET, Verb.LOGS)
                        .before(w -> w.sims.aws.fail("access-denied")).after(w -> w.sims.aws.heal())
                        .diagnosed("logs", "provider-auth-failed"),
                SeedCase.fails("scale without IAM permission", FLEET, Verb.SCALE).input("count", "2")
                        .before(w -> w.sims.aws.fail("access-denied")).after(w -> w.sims.aws.heal())
                        .diagnosed("scale", "provider-auth-failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runbookOnTheFleet(SeedCase seed, SeedWorld world) {
        seed.check(world);
    }
}
