package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.slack.SlackRequestCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackRequestCheckTest {

    // Slack's published example (docs.slack.dev, "Verifying requests from Slack")
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c4"
            + "47fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackRequestCheck checkAt(long epochSecond) {
        return new SlackRequestCheck(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC),
                Duration.ofMinutes(5));
    }

    @Test
    void acceptsSlacksPublishedTestVector() {
        SlackRequestCheck check = checkAt(1531420618L);
        assertThat(check.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(check.check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesATamperedBodyOrSignature() {
        SlackRequestCheck check = checkAt(1531420618L);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("text=", "text=deploy")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(check.check(TIMESTAMP, SIGNATURE, tampered)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(check.check(TIMESTAMP, SIGNATURE.replace('3', '4'), BODY)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(check.check(TIMESTAMP, "", BODY)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesOldOrAhead() {
        assertThat(checkAt(1531420618L + 300).check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.VALID);
        assertThat(checkAt(1531420618L + 301).check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.STALE);
        assertThat(checkAt(1531420618L - 300).check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.VALID);
        assertThat(checkAt(1531420618L - 301).check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.FUTURE);
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        SlackRequestCheck check = checkAt(1531420618L);
        assertThat(check.check(null, SIGNATURE, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(check.check(TIMESTAMP, null, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(check.check("1531420618.5", SIGNATURE, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @Test
    void refusesEverythingWithoutASecret() {
        SlackRequestCheck check = new SlackRequestCheck(" ", Clock.systemUTC(), Duration.ofMinutes(5));
        assertThat(check.check(TIMESTAMP, SIGNATURE, BODY)).isEqualTo(Verdict.NO_SECRET);
    }
}
