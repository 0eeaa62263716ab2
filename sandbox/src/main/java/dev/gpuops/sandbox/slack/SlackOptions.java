package dev.gpuops.sandbox.slack;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The Slack sandbox's options behind {@link SandboxSlack.Builder}; all have working defaults. */
abstract class SlackOptions<B extends SlackOptions<B>> {

    String botToken = SandboxSlack.DEFAULT_BOT_TOKEN;
    String signingSecret = SandboxSlack.DEFAULT_SIGNING_SECRET;
    URI botUrl;
    int port;
    Clock clock = Clock.systemUTC();
    Duration ackTimeout = Duration.ofSeconds(3);

    public B botToken(String token) {
        this.botToken = Objects.requireNonNull(token, "token");
        return self();
    }

    public B signingSecret(String secret) {
        this.signingSecret = Objects.requireNonNull(secret, "secret");
        return self();
    }

    public B botUrl(URI url) {
        this.botUrl = url;
        return self();
    }

    /** 0 (the default) picks a free port. */
    public B port(int value) {
        this.port = value;
        return self();
    }

    /** The clock behind message ts, recorded call times, rate-limit windows and token buckets. */
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    /** How long a slash command waits for the bot's ack; Slack gives up after 3 s. */
    public B ackTimeout(Duration value) {
        this.ackTimeout = Objects.requireNonNull(value, "ackTimeout");
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
