package dev.gpuops.access;

import dev.gpuops.target.Permission;
import dev.gpuops.target.AccessPolicy;
import dev.gpuops.target.AccessPolicies;
import dev.gpuops.target.Target;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a request against the target's {@link AccessPolicy}. Used by the Slack ingress before publishing and again
 * by the handlers on every consumed command, because a record on Kafka did not necessarily come through ingress.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final AccessDecision ALLOWED = new AccessDecision.Allowed();

    private final AccessPolicies policies;
    private final GroupDirectory groups;

    public AccessControl(AccessPolicies policies, GroupDirectory groups) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    public AccessPolicy policy(Target target) {
        return policies.effective(target);
    }

    /** May {@code userId}, writing in {@code channelId}, run command {@code word} on {@code target}? */
    public AccessDecision command(String word, Target target, String userId, String channelId) {
        AccessPolicy policy = policies.effective(target);
        if (!inChannels(policy, channelId)) {
            return new AccessDecision.Refused("Refused: `" + word + " " + target.name() + "`: commands for "
                    + target.name() + " are accepted only in " + channels(policy.channels())
                    + ", not in this channel. Run it from one of those.");
        }
        Permission needed = CommandWords.permission(word);
        return holds(policy, needed, userId) ? ALLOWED : refused(word, target, needed, policy);
    }

    /** Cancel: the run's requester may always cancel it (from an allowed channel); otherwise the operators. */
    public AccessDecision cancel(Target target, String userId, String channelId, String requesterId) {
        AccessPolicy policy = policies.effective(target);
        if (userId != null && userId.equals(requesterId)
                && inChannels(policy, channelId)) {
            return ALLOWED;
        }
        return command("cancel", target, userId, channelId);
    }

    /**
     * May {@code userId}, deciding from {@code channelId}, approve (or deny) a step of a run that
     * {@code requesterId} asked for? Decisions are accepted from the target's {@code access.channels} only, like
     * commands.
     */
    public AccessDecision approval(Target target, String userId, String channelId, String requesterId) {
        AccessPolicy policy = policies.effective(target);
        if (!inChannels(policy, channelId)) {
            return new AccessDecision.Refused("Refused: approving or denying a step of " + target.name()
                    + " is accepted only in " + channels(policy.channels()) + ", not in this channel. Decide from"
                    + " one of those.");
        }
        return approval(target, userId, requesterId);
    }

    /** May {@code userId} approve a step of a run that {@code requesterId} asked for (wherever they are)? */
    public AccessDecision approval(Target target, String userId, String requesterId) {
        AccessPolicy policy = policies.effective(target);
        if (!holds(policy, Permission.APPROVE, userId)) {
            return refused("approve", target, Permission.APPROVE, policy);
        }
        if (userId.equals(requesterId) && !policy.selfApprove()) {
            return new AccessDecision.Refused("Refused: you asked for this run, so a second person must approve "
                    + "it. Another of the approvers of " + target.name() + " (" + subjects(policy.approvers())
                    + ") can; `access.selfApprove: true` on the target would allow the requester.");
        }
        return ALLOWED;
    }

    /** No channel list accepts every channel; a listed one only those (a request without a channel: none). */
    private static boolean inChannels(AccessPolicy policy, String channelId) {
        return policy.channels().isEmpty() || channelId != null && policy.channels().contains(channelId);
    }

    /** Whether {@code userId} is in one of the subjects holding {@code permission}. */
    public boolean holds(AccessPolicy policy, Permission permission, String userId) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        for (String subject : policy.subjects(permission)) {
            if (subject.equals("*") || subject.equals(userId) || inGroup(subject, userId)) {
                return true;
            }
        }
        return false;
    }

    private boolean inGroup(String subject, String userId) {
        if (!subject.startsWith("S")) {
            return false;
        }
        try {
            return groups.members(subject).contains(userId);
        } catch (RuntimeException e) {
            // an unreadable group grants nothing; the refusal names the group so an admin can check it
            LOG.warn("could not expand user group {}; treating {} as not a member", subject, userId, e);
            return false;
        }
    }

    private static AccessDecision refused(String word, Target target, Permission needed, AccessPolicy policy) {
        List<String> who = policy.subjects(needed);
        String can = who.isEmpty()
                ? "nobody may: " + target.name() + " is " + target.environment().key()
                + (target.production() ? " and has no " + needed.group() + " in an `access:` section of the targets"
                + " file (without one, production allows only status, logs, diagnose, runs and plan)"
                : " and its `access:` section lists no " + needed.group())
                : "only its " + needed.group() + " may (" + subjects(who) + ")";
        return new AccessDecision.Refused("Refused: `" + word + " " + target.name() + "` needs "
                + article(needed) + " permission on " + target.name() + "; " + can + ".");
    }

    private static String article(Permission permission) {
        return switch (permission) {
            case VIEW -> "viewer";
            case OPERATE -> "operator";
            case APPROVE -> "approver";
        };
    }

    static String subjects(List<String> subjects) {
        return subjects.stream().map(s -> switch (s.charAt(0)) {
            case '*' -> "everyone";
            case 'S' -> "<!subteam^" + s + ">";
            default -> "<@" + s + ">";
        }).collect(Collectors.joining(", "));
    }

    private static String channels(List<String> channels) {
        return channels.stream().map(c -> "<#" + c + ">").collect(Collectors.joining(", "));
    }
}
