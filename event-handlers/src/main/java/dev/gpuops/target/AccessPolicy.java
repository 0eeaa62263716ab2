package dev.gpuops.target;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may do what, from where: the {@code access:} section of the targets file (global, or a target's own, which
 * replaces the global one for that target). Subjects are Slack user ids ({@code U…}/{@code W…}), user-group ids
 * ({@code S…}, expanded with {@code usergroups.users.list}) or {@code *} for everyone.
 *
 * @param channels        channels commands are accepted from; empty = any channel (DMs are channels too: list them)
 * @param viewers         may run the read-only commands (status, logs, diagnose, runs, plan, audit, incidents)
 * @param operators       may also run the commands that change things (deploy, restart, promote, scale, purge, …)
 * @param approvers       may approve a step that waits for a second person
 * @param selfApprove     the requester may approve their own run's steps on this target
 * @param approvalTimeout how long a step waits for a decision before the run is cancelled (default 15m)
 */
public record AccessPolicy(List<String> channels, List<String> viewers, List<String> operators,
                           List<String> approvers, Boolean selfApprove, Duration approvalTimeout) {

    public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern SUBJECT = Pattern.compile("\\*|[UWS][A-Z0-9]{1,20}");
    private static final Pattern CHANNEL = Pattern.compile("[CDG][A-Z0-9]{1,20}");

    /** Without an {@code access:} section, staging lets everyone operate. */
    public static final AccessPolicy OPEN = new AccessPolicy(List.of(), List.of("*"), List.of("*"), List.of("*"),
            false, null);
    /** Without an {@code access:} section, production allows only the read-only commands. */
    public static final AccessPolicy READ_ONLY = new AccessPolicy(List.of(), List.of("*"), List.of(), List.of(),
            false, null);

    public AccessPolicy {
        channels = checked(channels, CHANNEL, "channels", "channel ids like C0123ABCD");
        viewers = checked(viewers, SUBJECT, "viewers", SUBJECTS);
        operators = checked(operators, SUBJECT, "operators", SUBJECTS);
        approvers = checked(approvers, SUBJECT, "approvers", SUBJECTS);
        selfApprove = selfApprove != null && selfApprove;
        if (approvalTimeout != null && !approvalTimeout.isPositive()) {
            throw new IllegalArgumentException("approvalTimeout must be positive, like 15m");
        }
        approvalTimeout = approvalTimeout == null ? DEFAULT_APPROVAL_TIMEOUT : approvalTimeout;
    }

    private static final String SUBJECTS = "user ids (U…), user-group ids (S…) or \"*\"";

    private static List<String> checked(List<String> values, Pattern shape, String field, String expected) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || !shape.matcher(value).matches()) {
                throw new IllegalArgumentException(field + ": `" + value + "` is not valid; expected " + expected);
            }
        }
        return List.copyOf(values);
    }

    /** Subjects that hold {@code permission}: operators also view, approvers are only approvers. */
    public List<String> subjects(Permission permission) {
        return switch (permission) {
            case VIEW -> concat(viewers, operators);
            case OPERATE -> operators;
            case APPROVE -> approvers;
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}
