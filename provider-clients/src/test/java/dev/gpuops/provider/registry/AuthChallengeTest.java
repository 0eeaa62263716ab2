package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesGhcrBearerChallengeWithCommaInsideQuotedScope() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\","
                + "scope=\"repository:intelligensi-ai/intelligensi-image-server:pull,push\"").orElseThrow();

        assertThat(challenge.bearer()).isTrue();
        assertThat(challenge.realm()).contains("https://ghcr.io/token");
        assertThat(challenge.service()).contains("ghcr.io");
        assertThat(challenge.scope()).contains("repository:intelligensi-ai/intelligensi-image-server:pull,push");
    }

    @Test
    void parsesBasicAndUnquotedValuesAndMissingHeader() {
        AuthChallenge basic = AuthChallenge.parse("Basic realm=Registry").orElseThrow();
        assertThat(basic.basic()).isTrue();
        assertThat(basic.realm()).contains("Registry");
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
