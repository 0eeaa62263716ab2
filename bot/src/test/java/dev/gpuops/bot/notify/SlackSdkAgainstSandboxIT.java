package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Slack sandbox's Web API as the official Java SDK sees it: every shape must parse. */
class SlackSdkAgainstSandboxIT {

    private final SandboxSlack sandbox = SandboxSlack.start();
    private final Slack slack = Slack.getInstance(config());
    private final MethodsClient methods = slack.methods(sandbox.botToken());

    private SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.apiUrl());
        return config;
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        sandbox.close();
    }

    @Test
    void authTestParses() throws Exception {
        AuthTestResponse response = methods.authTest(r -> r);

        assertThat(response.isOk()).isTrue();
        assertThat(response.getUserId()).isEqualTo(SandboxSlack.BOT_USER_ID);
        assertThat(response.getTeamId()).isEqualTo(SandboxSlack.TEAM_ID);
        assertThat(response.getBotId()).isNotBlank();
    }

    @Test
    void postUpdateAndEphemeralParse() throws Exception {
        ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel(SandboxSlack.GPU_OPS).text("root")
                .blocks(List.of(SectionBlock.builder().text(MarkdownTextObject.builder().text("*root*").build())
                        .build())));
        ChatPostMessageResponse reply = methods.chatPostMessage(r -> r.channel(SandboxSlack.GPU_OPS)
                .threadTs(posted.getTs()).text("in thread"));
        ChatUpdateResponse updated = methods.chatUpdate(r -> r.channel(SandboxSlack.GPU_OPS).ts(posted.getTs())
                .text("root v2"));
        ChatPostEphemeralResponse ephemeral = methods.chatPostEphemeral(r -> r.channel(SandboxSlack.GPU_OPS)
                .user(SandboxSlack.ONCALL_USER_ID).text("psst"));

        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo(SandboxSlack.GPU_OPS);
        assertThat(posted.getMessage().getText()).isEqualTo("root");
        assertThat(posted.getMessage().getBlocks()).singleElement().isInstanceOf(SectionBlock.class);
        assertThat(reply.getMessage().getThreadTs()).isEqualTo(posted.getTs());
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getTs()).isEqualTo(posted.getTs());
        assertThat(updated.getText()).isEqualTo("root v2");
        assertThat(updated.getMessage().getReplyCount()).isEqualTo(1);
        assertThat(ephemeral.getMessageTs()).isNotBlank();
        assertThat(sandbox.latestText(SandboxSlack.GPU_OPS, posted.getTs())).isEqualTo("root v2");
    }

    @Test
    void conversationsAndUsersParse() throws Exception {
        ConversationsCreateResponse created = methods.conversationsCreate(r -> r.name("incident-box-1"));
        ConversationsInviteResponse invited = methods.conversationsInvite(r -> r.channel(created.getChannel().getId())
                .users(List.of(SandboxSlack.ONCALL_USER_ID)));
        ConversationsInviteResponse again = methods.conversationsInvite(r -> r.channel(created.getChannel().getId())
                .users(List.of(SandboxSlack.ONCALL_USER_ID)));
        UsersInfoResponse user = methods.usersInfo(r -> r.user(SandboxSlack.ONCALL_USER_ID));

        assertThat(created.getChannel().getName()).isEqualTo("incident-box-1");
        assertThat(created.getChannel().isMember()).isTrue();
        assertThat(methods.conversationsCreate(r -> r.name("incident-box-1")).getError()).isEqualTo("name_taken");
        assertThat(methods.conversationsCreate(r -> r.name("Bad Name")).getError())
                .isEqualTo("invalid_name_specials");
        assertThat(invited.isOk()).isTrue();
        assertThat(invited.getChannel().getId()).isEqualTo(created.getChannel().getId());
        assertThat(again.getError()).isEqualTo("already_in_channel");
        assertThat(user.getUser().getName()).isEqualTo("alice");
        assertThat(user.getUser().getProfile().getDisplayName()).isEqualTo("alice");
        assertThat(methods.usersInfo(r -> r.user("U0NOBODY00")).getError()).isEqualTo("user_not_found");
    }

    @Test
    void logicalAndAuthErrorsParse() throws Exception {
        assertThat(methods.chatPostMessage(r -> r.channel("C0NOSUCH00").text("x")).getError())
                .isEqualTo("channel_not_found");
        assertThat(methods.chatUpdate(r -> r.channel(SandboxSlack.GPU_OPS).ts("1.000001").text("x")).getError())
                .isEqualTo("message_not_found");
        assertThat(slack.methods("xoxb-0000-wrong").authTest(r -> r).getError()).isEqualTo("invalid_auth");
    }

    @Test
    void rateLimitSurfacesAsSlackApiExceptionWithRetryAfter() {
        sandbox.rateLimitNextCalls(1, Duration.ofSeconds(9), "chat.postMessage");

        SlackApiException limited = catchThrowableOfType(SlackApiException.class,
                () -> methods.chatPostMessage(r -> r.channel(SandboxSlack.GPU_OPS).text("x")));

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("9");
        assertThat(limited.getError().getError()).isEqualTo("ratelimited");
    }
}
