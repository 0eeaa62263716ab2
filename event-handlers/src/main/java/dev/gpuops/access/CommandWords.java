package dev.gpuops.access;

import dev.gpuops.target.Permission;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which permission each {@code /gpu} command needs. Keyed by the command word rather than by {@code Verb}, so verbs
 * added elsewhere (ack, resolve, mute from the incident commands) are classified without this class depending on
 * them. An unknown word needs {@link Permission#OPERATE}: a new command is never open by accident.
 */
public final class CommandWords {

    private static final Set<String> VIEW = Set.of("status", "logs", "diagnose", "runs", "plan", "audit",
            "incidents", "help");
    private static final Set<String> OPERATE = Set.of("deploy", "restart", "promote", "scale", "purge", "cancel",
            "ack", "resolve", "mute", "unmute");
    private static final Set<String> APPROVE = Set.of("approve", "deny");

    private CommandWords() {
    }

    public static Permission permission(String word) {
        String key = word == null ? "" : word.toLowerCase(Locale.ROOT);
        if (VIEW.contains(key)) {
            return Permission.VIEW;
        }
        if (APPROVE.contains(key)) {
            return Permission.APPROVE;
        }
        return Permission.OPERATE;
    }

    /** Whether {@code word} is one of the commands this class knows (for tests and docs). */
    public static Optional<Permission> known(String word) {
        String key = word == null ? "" : word.toLowerCase(Locale.ROOT);
        return VIEW.contains(key) || OPERATE.contains(key) || APPROVE.contains(key)
                ? Optional.of(permission(key)) : Optional.empty();
    }
}
