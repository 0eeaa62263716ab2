package dev.gpuops.sandbox.slack;

import java.util.Set;

/** A conversation in the sandbox workspace; {@code members} are user ids. */
public record SlackChannel(String id, String name, boolean isPrivate, String creator, long created,
                           Set<String> members) {

    public SlackChannel {
        members = Set.copyOf(members);
    }
}
