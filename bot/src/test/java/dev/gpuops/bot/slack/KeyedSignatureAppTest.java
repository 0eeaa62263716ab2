package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyedSignatureAppTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @ParameterizedTest
    @ValueSource(strings = {"", "command=%2Fgpu&text=help&trigger_id=1.2.3",
            "text=status+box-1+%E2%9C%93&user_name=j%C3%BCrgen", "payload=%7B%22type%22%3A%22block_actions%22%7D",
            "line one\nline two", "ünïcödé ✓ text sent raw"})
    void signsExactlyAsBoltsOwnGenerator(String body) {
        SlackSignature.Generator bolts = new SlackSignature.Generator(SECRET);
        KeyedSignatureApp.KeyedGenerator keyed = new KeyedSignatureApp.KeyedGenerator(SECRET);

        assertThat(keyed.generate("1531420618", body)).isEqualTo(bolts.generate("1531420618", body))
                .startsWith("v0=").hasSize(3 + 64);
    }

    @Test
    void signsSlacksPublishedTestVector() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
                + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
                + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
                + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c4"
                + "47fce8b6703c";

        assertThat(new KeyedSignatureApp.KeyedGenerator(SECRET).generate("1531420618", body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void aMissingTimestampSignsNothingLikeBolt() {
        assertThat(new KeyedSignatureApp.KeyedGenerator(SECRET).generate(null, "text=help")).isNull();
        assertThat(new SlackSignature.Generator(SECRET).generate(null, "text=help")).isNull();
    }

    @Test
    void verifiesWithBoltsVerifierAndRefusesATamperedBody() {
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(
                new KeyedSignatureApp.KeyedGenerator(SECRET));
        long now = 1_531_420_618_000L;
        String signature = new SlackSignature.Generator(SECRET).generate("1531420618", "text=help");

        for (String body : List.of("text=help", "text=deploy")) {
            assertThat(verifier.isValid("1531420618", body, signature, now)).isEqualTo(body.equals("text=help"));
        }
    }
}
