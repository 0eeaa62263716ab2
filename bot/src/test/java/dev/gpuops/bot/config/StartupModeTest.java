package dev.gpuops.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupModeTest {

    private static final String TARGETS = "gpuops.targets-file";
    private static final String SECRET = "gpuops.slack.signing-secret";
    private static final String TOKEN = "gpuops.slack.bot-token";

    private static StartupMode decide(Map<String, String> properties) {
        return StartupMode.decide(properties::get);
    }

    @Test
    void nothingConfiguredIsTheDemo() {
        assertThat(decide(Map.of())).isEqualTo(StartupMode.DEMO);
        assertThat(decide(Map.of(TARGETS, "  ", SECRET, ""))).as("blank is unset").isEqualTo(StartupMode.DEMO);
    }

    @Test
    void slackCredentialsAndTargetsAreReal() {
        assertThat(decide(Map.of(TARGETS, "/etc/gpuops/targets.yaml", SECRET, "s3cr3t", TOKEN, "xoxb-1")))
                .isEqualTo(StartupMode.REAL);
    }

    @ParameterizedTest(name = "{0} set alone")
    @CsvSource(delimiter = '|', textBlock = """
            gpuops.targets-file               | GPUOPS_TARGETS_FILE     | SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are missing
            gpuops.kafka.bootstrap-servers    | KAFKA_BOOTSTRAP_SERVERS | SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            gpuops.providers.runpod.api-key   | RUNPOD_API_KEY          | SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            gpuops.providers.lambda.legacy-api-key | LAMBDALABS_API_KEY | SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            gpuops.providers.vast.api-key     | VAST_API_KEY            | SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            AWS_ACCESS_KEY_ID                 | AWS_ACCESS_KEY_ID       | SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            gpuops.slack.signing-secret       | SLACK_SIGNING_SECRET    | SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing
            gpuops.slack.bot-token            | SLACK_BOT_TOKEN         | SLACK_SIGNING_SECRET and GPUOPS_TARGETS_FILE are missing
            """)
    void anyRealSettingWithoutTheRestStopsStartupNamingWhatIsMissing(String property, String variable,
                                                                     String missing) {
        String value = "value-that-must-not-be-printed-0123";
        MisconfigurationException refusal = catchThrowableOfType(MisconfigurationException.class,
                () -> decide(Map.of(property, value)));

        assertThat(refusal.getMessage())
                .startsWith("gpuops will not start: " + variable + " is set, so this is a real deployment")
                .contains(missing)
                .contains("./gpuops demo")
                .doesNotContain(value);
    }

    @Test
    void realSlackWithoutATargetsFileNeverFallsBackToTheDemoTargets() {
        Map<String, String> properties = new HashMap<>(Map.of(SECRET, "s3cr3t", TOKEN, "xoxb-1"));
        MisconfigurationException refusal = catchThrowableOfType(MisconfigurationException.class,
                () -> decide(properties));

        assertThat(refusal.getMessage()).contains("GPUOPS_TARGETS_FILE is missing")
                .contains("SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set");
    }
}
