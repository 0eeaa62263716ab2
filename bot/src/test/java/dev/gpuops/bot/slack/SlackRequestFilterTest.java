package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackRequestFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ssl_check=1&token=abc                      | true",
        "token=abc&ssl_check=1                      | true",
        "ssl_check=1                                | true",
        "token=abc&ssl_check=10                     | false",
        "xssl_check=1&token=abc                     | false",
        "text=ssl_check%3D1&command=%2Fgpu          | false",
        "token=abc&command=%2Fgpu&text=help         | false",
        "''                                         | false",
    })
    void recognisesOnlyAnSslCheckField(String body, boolean sslCheck) {
        assertThat(SlackRequestFilter.isSslCheck(body.getBytes(StandardCharsets.US_ASCII))).isEqualTo(sslCheck);
    }
}
