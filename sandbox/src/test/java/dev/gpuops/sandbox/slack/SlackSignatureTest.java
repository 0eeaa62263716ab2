package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TIMESTAMP = 1531420618L;
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void signsSlacksPublishedTestVector() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void encodesCommandFieldsExactlyAsSlackDoes() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "xyzz0WbapA4vBCDEFasx0q6G");
        fields.put("team_id", "T1DC2JH3J");
        fields.put("team_domain", "testteamnow");
        fields.put("channel_id", "G8PSS9T3V");
        fields.put("channel_name", "foobar");
        fields.put("user_id", "U2CERLKJA");
        fields.put("user_name", "roadrunner");
        fields.put("command", "/webhook-collect");
        fields.put("text", "");
        fields.put("response_url", "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
        fields.put("trigger_id", "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

        String body = HttpExchanges.encodeForm(fields);

        assertThat(body).isEqualTo(BODY);
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, body)).isEqualTo(EXPECTED);
    }

    @Test
    void verifiesOnlyTheExactBodyAndSecret() {
        assertThat(SlackSignature.verify(SECRET, "1531420618", BODY, EXPECTED)).isTrue();
        assertThat(SlackSignature.verify(SECRET, "1531420619", BODY, EXPECTED)).isFalse();
        assertThat(SlackSignature.verify(SECRET, "1531420618", BODY + "x", EXPECTED)).isFalse();
        assertThat(SlackSignature.verify("another-secret", "1531420618", BODY, EXPECTED)).isFalse();
        assertThat(SlackSignature.verify(SECRET, null, BODY, EXPECTED)).isFalse();
    }
}
