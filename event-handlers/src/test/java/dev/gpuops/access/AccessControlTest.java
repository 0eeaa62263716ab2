package dev.gpuops.access;

import dev.gpuops.target.Permission;
import dev.gpuops.target.AccessPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.runbook.Fixtures;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessControlTest {

    private static final List<String> VIEWER_WORDS = List.of("status", "logs", "diagnose", "runs", "plan",
            "incidents", "audit");
    private static final List<String> OPERATOR_WORDS = List.of("deploy", "restart", "promote", "scale", "purge",
            "cancel", "ack", "resolve", "mute");
    private static final Targets FILE = new TargetsLoader().load(Fixtures.targets("access.yaml"));
    private static final Map<String, Set<String>> GROUPS = Map.of("S0SRE", Set.of("U0SRE1", "U0SRE2"));

    private final AccessControl access = new AccessControl(FILE.access(), GROUPS::get);

    /** verb × role × environment, under the file's global policy and under the absent-policy defaults. */
    static Stream<Arguments> matrix() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String word : concat(VIEWER_WORDS, OPERATOR_WORDS)) {
            boolean operatorVerb = OPERATOR_WORDS.contains(word);
            for (String env : List.of("prod-a", "stage-a")) {
                // the global policy applies alike to production and staging
                cases.add(Arguments.of("policy", word, env, "U0RANDOM", !operatorVerb));
                cases.add(Arguments.of("policy", word, env, "U0LEAD", true));
                cases.add(Arguments.of("policy", word, env, "U0SRE1", true));
            }
            // no access section: staging lets everyone operate, production only views
            cases.add(Arguments.of("default", word, "prod-a", "U0RANDOM", !operatorVerb));
            cases.add(Arguments.of("default", word, "stage-a", "U0RANDOM", true));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}: {1} on {2} by {3} -> {4}")
    @MethodSource("matrix")
    void eachVerbByRoleAndEnvironment(String policies, String word, String target, String user, boolean allowed) {
        AccessControl control = policies.equals("policy") ? access
                : new AccessControl(AccessPolicies.NONE, GroupDirectory.NONE);
        AccessDecision decision = control.command(word, FILE.find(target).orElseThrow(), user, "C0OPS");
        assertThat(decision.allowed()).isEqualTo(allowed);
    }

    @Test
    void aRefusalSaysWhatWhyAndWhoCan() {
        AccessDecision refused = access.command("purge", target("prod-a"), "U0RANDOM", "C0OPS");
        assertThat(refused).isEqualTo(new AccessDecision.Refused("Refused: `purge prod-a` needs operator "
                + "permission on prod-a; only its operators may (<!subteam^S0SRE>, <@U0LEAD>)."));

        AccessDecision defaults = new AccessControl(AccessPolicies.NONE, GroupDirectory.NONE)
                .command("restart", target("prod-a"), "U0RANDOM", "C1");
        assertThat(((AccessDecision.Refused) defaults).reason()).contains("prod-a is production and has no "
                + "operators in an `access:` section").contains("only status, logs, diagnose, runs and plan");
    }

    @Test
    void commandsAreAcceptedOnlyFromTheListedChannelsAndDirectMessagesAreNotSpecial() {
        assertThat(access.command("status", target("stage-a"), "U0LEAD", "C0ALERTS").allowed()).isTrue();
        AccessDecision elsewhere = access.command("status", target("stage-a"), "U0LEAD", "C0RANDOM");
        assertThat(((AccessDecision.Refused) elsewhere).reason()).isEqualTo("Refused: `status stage-a`: commands "
                + "for stage-a are accepted only in <#C0OPS>, <#C0ALERTS>, not in this channel. Run it from one "
                + "of those.");
        assertThat(access.command("status", target("stage-a"), "U0LEAD", "D0DIRECT").allowed()).isFalse();
        assertThat(access.command("status", target("lab"), "U0GUEST", "D0DIRECT").allowed())
                .as("lab's own policy lists no channels").isTrue();
    }

    @Test
    void aTargetsOwnPolicyReplacesTheGlobalOneEntirely() {
        assertThat(access.policy(target("lab")).approvalTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(access.command("purge", target("lab"), "U0ANYONE", "C9").allowed()).as("* operates").isTrue();
        assertThat(access.command("status", target("lab"), "U0ANYONE", "C9").allowed()).isTrue();
        assertThat(access.policy(target("prod-a")).approvalTimeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void userGroupsAreExpandedAndAGroupThatCannotBeReadGrantsNothing() {
        assertThat(access.command("restart", target("prod-a"), "U0SRE2", "C0OPS").allowed()).isTrue();
        AccessControl broken = new AccessControl(FILE.access(), group -> {
            throw new IllegalStateException("usergroups.users.list failed: missing_scope");
        });
        assertThat(broken.command("restart", target("prod-a"), "U0SRE2", "C0OPS").allowed()).isFalse();
        assertThat(broken.command("restart", target("prod-a"), "U0LEAD", "C0OPS").allowed())
                .as("a listed user still operates").isTrue();
    }

    @Test
    void approvalNeedsAnApproverWhoIsNotTheRequesterUnlessSelfApprovalIsOn() {
        assertThat(access.approval(target("prod-a"), "U0SRE2", "U0SRE1").allowed()).isTrue();
        AccessDecision self = access.approval(target("prod-a"), "U0SRE1", "U0SRE1");
        assertThat(((AccessDecision.Refused) self).reason()).startsWith("Refused: you asked for this run, so a "
                + "second person must approve it.").contains("<!subteam^S0SRE>");
        AccessDecision lead = access.approval(target("prod-a"), "U0LEAD", "U0SRE1");
        assertThat(((AccessDecision.Refused) lead).reason()).contains("needs approver permission")
                .as("operators are not approvers").contains("only its approvers may (<!subteam^S0SRE>)");
        assertThat(access.approval(target("lab"), "U0ME", "U0ME").allowed()).as("selfApprove: true").isTrue();
    }

    @Test
    void approvalsAreAcceptedOnlyFromTheTargetsChannelsLikeCommands() {
        assertThat(access.approval(target("prod-a"), "U0SRE2", "C0OPS", "U0SRE1").allowed()).isTrue();
        AccessDecision elsewhere = access.approval(target("prod-a"), "U0SRE2", "C0ELSE", "U0SRE1");
        assertThat(((AccessDecision.Refused) elsewhere).reason()).isEqualTo("Refused: approving or denying a step "
                + "of prod-a is accepted only in <#C0OPS>, <#C0ALERTS>, not in this channel. Decide from one of those.");
        assertThat(access.approval(target("prod-a"), "U0SRE2", null, "U0SRE1").allowed()).as("no channel (a DM "
                + "not listed)").isFalse();
    }

    @Test
    void theRequesterMayCancelTheirOwnRunOthersNeedToOperate() {
        assertThat(access.cancel(target("prod-a"), "U0RANDOM", "C0OPS", "U0RANDOM").allowed()).isTrue();
        assertThat(access.cancel(target("prod-a"), "U0RANDOM", "C0OPS", "U0LEAD").allowed()).isFalse();
        assertThat(access.cancel(target("prod-a"), "U0LEAD", "C0OPS", "U0RANDOM").allowed()).isTrue();
        assertThat(access.cancel(target("prod-a"), "U0RANDOM", "C0ELSE", "U0RANDOM").allowed()).isFalse();
    }

    @Test
    void anUnknownCommandWordNeedsOperatorPermission() {
        assertThat(CommandWords.permission("frobnicate")).isEqualTo(Permission.OPERATE);
        assertThat(CommandWords.permission("approve")).isEqualTo(Permission.APPROVE);
        assertThat(access.command("frobnicate", target("prod-a"), "U0RANDOM", "C0OPS").allowed()).isFalse();
    }

    @Test
    void groupMembersAreCachedForTheTtlAndAskedAgainAfterIt() {
        AtomicInteger calls = new AtomicInteger();
        dev.gpuops.sandbox.support.SettableClock clock = new dev.gpuops.sandbox.support.SettableClock();
        CachedGroupDirectory cached = new CachedGroupDirectory(group -> {
            calls.incrementAndGet();
            return Set.of("U" + calls.get());
        }, clock, Duration.ofMinutes(5));

        assertThat(cached.members("S1")).containsExactly("U1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(cached.members("S1")).containsExactly("U1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(cached.members("S1")).containsExactly("U2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aBrokenAccessSectionFailsTheLoadWithFileLineAndField() {
        assertThatThrownBy(() -> new TargetsLoader().load(Fixtures.targets("bad-access.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad-access.yaml:2")
                .hasMessageContaining("operators: `alice` is not valid")
                .hasMessageContaining("bad-access.yaml:9")
                .hasMessageContaining("targets.box-1.access.selfApproval");
    }

    private static Target target(String name) {
        return FILE.find(name).orElseThrow();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
