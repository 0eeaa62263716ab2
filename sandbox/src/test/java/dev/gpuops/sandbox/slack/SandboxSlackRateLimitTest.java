package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSlackRateLimitTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2024-11-23T19:00:00Z"));
    private SandboxSlack slack;
    private WebApiCaller api;

    @BeforeEach
    void start() {
        slack = SandboxSlack.builder().clock(clock).start();
        api = new WebApiCaller(slack);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void stormAnswersTheNextCallsWith429AndRetryAfter() {
        slack.rateLimitNextCalls(2, Duration.ofSeconds(7));

        WebApiCaller.Reply first = post("one");
        WebApiCaller.Reply second = post("two");
        WebApiCaller.Reply third = post("three");

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.retryAfter()).contains("7");
        assertThat(first.json().path("ok").asBoolean(true)).isFalse();
        assertThat(first.error()).isEqualTo("ratelimited");
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.ok()).isTrue();
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).extracting(SlackMessage::text).containsExactly("three");
        assertThat(slack.calls("chat.postMessage")).filteredOn(ApiCall::rateLimited).hasSize(2);
    }

    @Test
    void stormCanTargetOneMethod() {
        slack.rateLimitNextCalls(1, Duration.ofSeconds(3), "chat.update");
        String ts = post("root").json().path("ts").asString();

        WebApiCaller.Reply update = api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", ts, "text", "v2");

        assertThat(update.status()).isEqualTo(429);
        assertThat(update.retryAfter()).contains("3");
    }

    @Test
    void timedStormEndsWhenItsWindowPasses() {
        slack.rateLimitFor(Duration.ofSeconds(30), Duration.ofSeconds(5));

        assertThat(post("during").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(29));
        assertThat(post("still during").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(post("after").ok()).isTrue();
    }

    @Test
    void channelLimitAllowsABurstThenOnePerSecond() {
        slack.channelPostLimit(true, 3);

        assertThat(post("1").ok()).isTrue();
        assertThat(post("2").ok()).isTrue();
        assertThat(post("3").ok()).isTrue();
        WebApiCaller.Reply limited = post("4");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).contains("1");
        assertThat(api.form("chat.postMessage", "channel", SandboxSlack.GPU_ALERTS, "text", "other channel").ok())
                .as("the limit is per channel").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(post("5").ok()).isTrue();
        assertThat(post("6").status()).isEqualTo(429);
    }

    @Test
    void healSwitchesEverythingOff() {
        slack.rateLimitNextCalls(100, Duration.ofSeconds(1));
        slack.failNext("chat.postMessage", 5, "internal_error");
        slack.heal();

        assertThat(post("fine").ok()).isTrue();
    }

    @Test
    void injectedErrorsAreLogicalErrors() {
        slack.failNext("chat.postMessage", 1, "internal_error");

        WebApiCaller.Reply failed = post("x");

        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.error()).isEqualTo("internal_error");
        assertThat(post("y").ok()).isTrue();
    }

    @Test
    void adminEndpointSwitchesStormsOnAndOff() {
        String admin = slack.baseUrl() + "/admin/ratelimit";

        WebApiCaller.Reply on = api.post(admin, "application/json", "{\"calls\":1,\"retryAfter\":4}");
        assertThat(on.json().path("storm").asBoolean()).isTrue();
        WebApiCaller.Reply limited = post("x");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).contains("4");

        api.post(admin, "application/json", "{\"seconds\":60}");
        assertThat(post("y").status()).isEqualTo(429);
        assertThat(api.send("DELETE", admin).json().path("storm").asBoolean()).isFalse();
        assertThat(post("z").ok()).isTrue();

        assertThat(api.post(admin, "application/json", "{\"channelLimit\":true,\"burst\":1}")
                .json().path("channelLimit").asBoolean()).isTrue();
        assertThat(api.post(admin, "application/json", "{\"nonsense\":1}").status()).isEqualTo(400);
    }

    private WebApiCaller.Reply post(String text) {
        return api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", text);
    }
}
