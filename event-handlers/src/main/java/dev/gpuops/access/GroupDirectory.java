package dev.gpuops.access;

import java.util.Set;

/**
 * Expands a Slack user group ({@code S…}) to its members. The bot implements it with {@code usergroups.users.list};
 * the handlers use the same implementation, so both sides judge a request alike.
 */
public interface GroupDirectory {

    /** Nobody is in any group: group subjects never match (used where Slack is not reachable, e.g. tests). */
    GroupDirectory NONE = group -> Set.of();

    /**
     * @throws RuntimeException when the group cannot be read (then the request is refused, never allowed)
     */
    Set<String> members(String groupId);
}
