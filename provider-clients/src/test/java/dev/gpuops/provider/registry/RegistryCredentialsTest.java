package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

    static final String TOKEN = "ghp_CanaryToken0123456789abcdefABCDEF";

    @Test
    void ghcrReadsGhcrVariablesFirstThenTheGenericConvention() {
        var ghcr = RegistryCredentials.fromEnvironment(Map.of("GHCR_USERNAME", "bot", "GHCR_TOKEN", TOKEN));
        assertThat(ghcr.forRegistry("ghcr.io")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("bot");
            assertThat(c.token()).isEqualTo(TOKEN);
        });

        var generic = RegistryCredentials.fromEnvironment(Map.of("GHCR_IO_USERNAME", "bot2", "GHCR_IO_TOKEN", TOKEN));
        assertThat(generic.forRegistry("ghcr.io")).map(RegistryCredentials.Credential::username).contains("bot2");
    }

    @Test
    void genericHostConventionUppercasesAndUnderscores() {
        assertThat(RegistryCredentials.candidateNames("registry.example.com:5000"))
                .containsExactly(List.of("REGISTRY_EXAMPLE_COM_5000_USERNAME", "REGISTRY_EXAMPLE_COM_5000_TOKEN"));
        var env = RegistryCredentials.fromEnvironment(Map.of(
                "REGISTRY_EXAMPLE_COM_5000_USERNAME", "u", "REGISTRY_EXAMPLE_COM_5000_TOKEN", TOKEN));
        assertThat(env.forRegistry("registry.example.com:5000")).isPresent();
        assertThat(env.forRegistry("ghcr.io")).isEmpty();
    }

    @Test
    void halfConfiguredCredentialsCountAsNone() {
        var env = RegistryCredentials.fromEnvironment(Map.of("GHCR_USERNAME", "bot"));
        assertThat(env.forRegistry("ghcr.io")).isEmpty();
        assertThat(RegistryCredentials.describeVariables("ghcr.io")).isEqualTo("GHCR_USERNAME and GHCR_TOKEN");
    }

    @Test
    void credentialNeverPrintsItsToken() {
        var credential = new RegistryCredentials.Credential("bot", TOKEN);
        assertThat(credential.toString()).contains("bot").doesNotContain(TOKEN);
        assertThat(credential.basicHeader()).startsWith("Basic ");
    }
}
