package dev.gpuops.runbook.action.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.aws.ParameterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"CHANGE_ME", "changeme", "change-me", "PLACEHOLDER", "<fleet-secret>", "${FLEET_SECRET}",
            "{{ secret }}", "xxxxxxxx", "", "   ", "REPLACE_ME_WITH_OPENSSL", "todo", "please-change-me"})
    void recognisesPlaceholders(String value) {
        assertThat(SecretValues.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f", "bp-models-1-staging",
            "ami-0abc123"})
    void realValuesAreNotPlaceholders(String value) {
        assertThat(SecretValues.isPlaceholder(value)).isFalse();
    }

    @Test
    void secretLikeByTypeOrName() {
        assertThat(SecretValues.secretLike("/bp/staging/fleet-secret", ParameterType.STRING)).isTrue();
        assertThat(SecretValues.secretLike("/bp/production/laravel/app-key", ParameterType.STRING)).isTrue();
        assertThat(SecretValues.secretLike("/x/HF_TOKEN", ParameterType.STRING)).isTrue();
        assertThat(SecretValues.secretLike("/x/anything", ParameterType.SECURE_STRING)).isTrue();
        assertThat(SecretValues.secretLike("/bp/staging/models/bucket", ParameterType.STRING)).isFalse();
    }

    @Test
    void fingerprintIsShortStableAndDoesNotContainTheValue() {
        String fingerprint = SecretValues.fingerprint("hunter2-secret-value");

        assertThat(fingerprint).matches("sha256:[0-9a-f]{12}").isEqualTo(SecretValues.fingerprint("hunter2-secret-value"))
                .isNotEqualTo(SecretValues.fingerprint("hunter3-secret-value"));
    }
}
