package dev.gpuops.bot.access;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.gpuops.access.GroupDirectory;
import java.io.IOException;
import java.util.Set;

/** Expands a Slack user group with {@code usergroups.users.list} (scope {@code usergroups:read}). */
public final class SlackGroupDirectory implements GroupDirectory {

    private final MethodsClient methods;

    public SlackGroupDirectory(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public Set<String> members(String groupId) {
        UsergroupsUsersListResponse response;
        try {
            response = methods.usergroupsUsersList(r -> r.usergroup(groupId));
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException("usergroups.users.list for " + groupId + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
        if (!response.isOk()) {
            throw new IllegalStateException("usergroups.users.list for " + groupId + " answered "
                    + response.getError() + (response.getNeeded() == null ? "" : " (needs scope "
                    + response.getNeeded() + ")"));
        }
        return response.getUsers() == null ? Set.of() : Set.copyOf(response.getUsers());
    }
}
