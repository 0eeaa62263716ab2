package dev.gpuops.bot.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.config.IngressProperties;
import dev.gpuops.bot.ingress.IngressGuard.Decision;
import dev.gpuops.bot.ingress.IngressGuard.Endpoint;
import org.junit.jupiter.api.Test;

class IngressGuardTest {

    private final IngressGuard guard = new IngressGuard(new IngressProperties(1 << 20, 25L << 20, 65536, 2, 7));

    @Test
    void noSecretConfiguredIsRefusedWhateverTheRequest() {
        assertThat(guard.admit(Endpoint.GITHUB, false, "sha256=ab", 10))
                .isEqualTo(new Decision.Refuse(401, "GITHUB_WEBHOOK_SECRET is not set on the gpuops side, so no "
                        + "request can be verified"));
        assertThat(guard.admit(Endpoint.SLACK, false, "v0=ab", 10)).isInstanceOf(Decision.Refuse.class)
                .extracting(d -> ((Decision.Refuse) d).reason()).asString().contains("SLACK_SIGNING_SECRET");
    }

    @Test
    void unsignedGithubIsRefusedAndUnsignedSlackOnlyWhenTooBigForAnSslCheck() {
        assertThat(guard.admit(Endpoint.GITHUB, true, null, 10)).isEqualTo(
                new Decision.Refuse(401, "missing X-Hub-Signature-256 header"));
        assertThat(guard.admit(Endpoint.SLACK, true, null, 40)).isEqualTo(new Decision.Proceed(false));
        assertThat(guard.admit(Endpoint.SLACK, true, null, 5000)).isEqualTo(
                new Decision.Refuse(401, "missing X-Slack-Signature header"));
        assertThat(guard.admit(Endpoint.SLACK, true, "", -1)).isInstanceOf(Decision.Refuse.class);
    }

    @Test
    void declaredLengthOverTheCapIs413() {
        assertThat(guard.admit(Endpoint.SLACK, true, "v0=ab", (1 << 20) + 1)).extracting(d -> ((Decision.Refuse) d)
                .status()).isEqualTo(413);
        assertThat(guard.admit(Endpoint.GITHUB, true, "sha256=ab", (25L << 20) + 1)).extracting(d ->
                ((Decision.Refuse) d).status()).isEqualTo(413);
        assertThat(guard.admit(Endpoint.GITHUB, true, "sha256=ab", 25L << 20)).isEqualTo(new Decision.Proceed(true));
    }

    @Test
    void largeOrChunkedBodiesAreBoundedAndPermitsComeBack() {
        assertThat(guard.admit(Endpoint.GITHUB, true, "sha256=ab", 100_000)).isEqualTo(new Decision.Proceed(true));
        assertThat(guard.admit(Endpoint.SLACK, true, "v0=ab", -1)).isEqualTo(new Decision.Proceed(true));
        Decision third = guard.admit(Endpoint.GITHUB, true, "sha256=ab", 100_000);
        assertThat(third).isInstanceOf(Decision.Refuse.class);
        assertThat(((Decision.Refuse) third).status()).isEqualTo(503);
        assertThat(((Decision.Refuse) third).reason()).contains("retry in 7 s");
        // small bodies never wait for a permit
        assertThat(guard.admit(Endpoint.SLACK, true, "v0=ab", 2000)).isEqualTo(new Decision.Proceed(false));
        guard.release();
        assertThat(guard.admit(Endpoint.GITHUB, true, "sha256=ab", 100_000)).isEqualTo(new Decision.Proceed(true));
    }
}
