package dev.gpuops.bot.incident;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident flow's Slack calls. Redacts every text; waits out HTTP 429 ({@code Retry-After}) a few times rather
 * than lose an alert; turns every other failure into an error code the caller decides about. Never throws for a
 * Slack answer.
 */
public class IncidentSlack {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentSlack.class);
    private static final int ATTEMPTS = 5;

    /** @param error Slack's error code, or null when ok */
    public record Answer<T>(T response, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private final MethodsClient methods;
    private final Sleeper sleeper;

    public IncidentSlack(MethodsClient methods, Sleeper sleeper) {
        this.methods = methods;
        this.sleeper = sleeper;
    }

    <T extends SlackApiTextResponse> Answer<T> call(String method, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                T response = call.run();
                if (response.isOk()) {
                    return new Answer<>(response, null);
                }
                if (!"ratelimited".equals(response.getError()) || attempt >= ATTEMPTS) {
                    return new Answer<>(response, response.getError());
                }
                wait = Duration.ofSeconds(1);
            } catch (SlackApiException e) {
                if (e.getResponse().code() != 429 || attempt >= ATTEMPTS) {
                    String error = e.getError() != null && e.getError().getError() != null
                            ? e.getError().getError() : "http_" + e.getResponse().code();
                    return new Answer<>(null, error);
                }
                wait = retryAfter(e.getResponse().header("Retry-After"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} failed: {}", method, e.getClass().getSimpleName());
                return new Answer<>(null, e.getClass().getSimpleName());
            }
            LOG.info("{} rate limited; retrying in {}", method, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer<>(null, "interrupted");
            }
        }
    }

    static Duration retryAfter(String header) {
        return header != null && header.strip().matches("\\d{1,5}")
                ? Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip()))) : Duration.ofSeconds(1);
    }

    public Answer<ConversationsCreateResponse> create(String name) {
        return call("conversations.create", () -> methods.conversationsCreate(r -> r.name(name).isPrivate(false)));
    }

    public Answer<?> topic(String channel, String topic) {
        String text = Redactor.redact(topic);
        return call("conversations.setTopic", () -> methods.conversationsSetTopic(r -> r.channel(channel)
                .topic(text.length() > 250 ? text.substring(0, 249) + "…" : text)));
    }

    public Answer<?> invite(String channel, String user) {
        return call("conversations.invite", () -> methods.conversationsInvite(r -> r.channel(channel)
                .users(List.of(user))));
    }

    public List<String> groupMembers(String group) {
        Answer<UsergroupsUsersListResponse> answer = call("usergroups.users.list",
                () -> methods.usergroupsUsersList(r -> r.usergroup(group)));
        if (!answer.ok()) {
            LOG.warn("cannot expand user group {}: {}", group, answer.error());
            return List.of();
        }
        return answer.response().getUsers() == null ? List.of() : answer.response().getUsers();
    }

    /** @return the posted message's ts */
    public Optional<String> post(String channel, String text) {
        String safe = Redactor.redact(text);
        Answer<ChatPostMessageResponse> answer = call("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(channel).text(safe).unfurlLinks(false).unfurlMedia(false)));
        if (!answer.ok()) {
            LOG.warn("chat.postMessage to {} failed: {}", channel, answer.error());
            return Optional.empty();
        }
        return Optional.ofNullable(answer.response().getTs());
    }

    public boolean update(String channel, String ts, String text) {
        String safe = Redactor.redact(text);
        Answer<?> answer = call("chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts).text(safe)));
        if (!answer.ok()) {
            LOG.warn("chat.update of {} in {} failed: {}", ts, channel, answer.error());
        }
        return answer.ok();
    }

    public Answer<?> pin(String channel, String ts) {
        return call("pins.add", () -> methods.pinsAdd(r -> r.channel(channel).timestamp(ts)));
    }

    public Answer<?> archive(String channel) {
        return call("conversations.archive", () -> methods.conversationsArchive(r -> r.channel(channel)));
    }
}
