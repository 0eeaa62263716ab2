package dev.gpuops.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // GitHub's published example (docs.github.com, "Validating webhook deliveries")
    private static final WebhookSignature SIGNATURE = new WebhookSignature("It's a Secret to Everybody");
    private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void matchesGithubsPublishedTestVector() {
        assertThat(SIGNATURE.sign(PAYLOAD)).isEqualTo(EXPECTED);
        assertThat(SIGNATURE.verify(PAYLOAD, EXPECTED)).isTrue();
    }

    @Test
    void refusesTamperedPayloadWrongSecretAndMissingHeader() {
        assertThat(SIGNATURE.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(new WebhookSignature("another secret").verify(PAYLOAD, EXPECTED)).isFalse();
        assertThat(SIGNATURE.verify(PAYLOAD, null)).isFalse();
        assertThat(SIGNATURE.verify(PAYLOAD, EXPECTED.replace("sha256=", "sha1="))).isFalse();
        assertThat(SIGNATURE.verify(PAYLOAD, EXPECTED.toUpperCase())).isFalse();
    }

    @Test
    void withoutASecretNothingVerifies() {
        WebhookSignature none = new WebhookSignature("");
        assertThat(none.configured()).isFalse();
        assertThat(none.verify(PAYLOAD, EXPECTED)).isFalse();
    }
}
