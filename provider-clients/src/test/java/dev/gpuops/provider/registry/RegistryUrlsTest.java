package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1:5000, http://127.0.0.1:5000",
            "127.8.9.10, http://127.8.9.10",
            "localhost:5000, http://localhost:5000",
            "localhost, http://localhost",
            "'[::1]:5000', 'http://[::1]:5000'",
            "ghcr.io, https://ghcr.io",
            "registry.example.com:5000, https://registry.example.com:5000",
            "128.0.0.1:5000, https://128.0.0.1:5000",
            "10.0.0.5:5000, https://10.0.0.5:5000",
            "127.0.0.1.evil.com, https://127.0.0.1.evil.com",
            "localhost.evil.com, https://localhost.evil.com",
            "'[2001:db8::1]:443', 'https://[2001:db8::1]:443'"
    })
    void loopbackRegistriesUseHttpAndAllOthersHttps(String registry, String expected) {
        assertThat(RegistryUrls.base(registry)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "https://ghcr.io/token, true",
            "http://127.0.0.1:4000/token, true",
            "http://localhost/token, true",
            "http://auth.example.com/token, false"
    })
    void credentialsOnlyTravelOverHttpsOrLoopback(String uri, boolean safe) {
        assertThat(RegistryUrls.safeForCredentials(URI.create(uri))).isEqualTo(safe);
    }
}
