package dev.gpuops.bot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides, before any bean exists, whether gpuops runs the demo or for real, and fails closed in between.
 *
 * <p>The demo (sandbox Slack, sandbox providers, demo targets) runs only when nothing real is configured. As soon as
 * one real setting is present (a targets file, a Kafka cluster, a provider or cloud credential, a Slack or GitHub
 * secret) this is a real deployment, and every setting a real deployment cannot do without must be present too:
 * otherwise the sandbox would answer for real targets with a secret anyone can read in our source. Partial
 * configuration is refused with the names of the missing variables, never papered over.
 */
public enum StartupMode {
    DEMO, REAL;

    /** A variable whose presence means "real deployment", with the property it binds to. */
    record Setting(String variable, String property) {
    }

    static final List<Setting> REAL_SETTINGS = List.of(
            new Setting("GPUOPS_TARGETS_FILE", "gpuops.targets-file"),
            new Setting("KAFKA_BOOTSTRAP_SERVERS", "gpuops.kafka.bootstrap-servers"),
            new Setting("SLACK_SIGNING_SECRET", "gpuops.slack.signing-secret"),
            new Setting("SLACK_BOT_TOKEN", "gpuops.slack.bot-token"),
            new Setting("SLACK_APP_TOKEN", "gpuops.slack.app-token"),
            new Setting("GITHUB_WEBHOOK_SECRET", "gpuops.github.webhook-secret"),
            new Setting("RUNPOD_API_KEY", "gpuops.providers.runpod.api-key"),
            new Setting("LAMBDA_API_KEY", "gpuops.providers.lambda.api-key"),
            new Setting("LAMBDALABS_API_KEY", "gpuops.providers.lambda.legacy-api-key"),
            new Setting("VAST_API_KEY", "gpuops.providers.vast.api-key"),
            new Setting("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"),
            new Setting("AWS_PROFILE", "AWS_PROFILE"),
            new Setting("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"),
            new Setting("GHCR_TOKEN", "GHCR_TOKEN"));

    /** What a real deployment must have; without it the sandbox would stand in, so startup stops instead. */
    static final List<Setting> REQUIRED_WHEN_REAL = List.of(
            new Setting("SLACK_SIGNING_SECRET", "gpuops.slack.signing-secret"),
            new Setting("SLACK_BOT_TOKEN", "gpuops.slack.bot-token"),
            new Setting("GPUOPS_TARGETS_FILE", "gpuops.targets-file"));

    /**
     * @param property reads a resolved property ({@code gpuops.slack.bot-token}) or environment variable
     * @throws MisconfigurationException when something real is configured but a required setting is missing
     */
    public static StartupMode decide(Function<String, String> property) {
        List<String> given = names(REAL_SETTINGS, property, true);
        if (given.isEmpty()) {
            return DEMO;
        }
        List<String> missing = names(REQUIRED_WHEN_REAL, property, false);
        if (!missing.isEmpty()) {
            throw new MisconfigurationException(refusal(given, missing));
        }
        return REAL;
    }

    private static List<String> names(List<Setting> settings, Function<String, String> property, boolean present) {
        List<String> names = new ArrayList<>();
        for (Setting setting : settings) {
            String value = property.apply(setting.property());
            boolean set = value != null && !value.isBlank();
            if (set == present) {
                names.add(setting.variable());
            }
        }
        return names;
    }

    private static String refusal(List<String> given, List<String> missing) {
        String because = sentence(given);
        String need = sentence(missing);
        return "gpuops will not start: " + because + (given.size() == 1 ? " is" : " are")
                + " set, so this is a real deployment, but " + need + (missing.size() == 1 ? " is" : " are")
                + " missing. The sandbox Slack, simulators and demo targets run only when nothing real is configured,"
                + " so they cannot stand in. " + advice(missing);
    }

    private static String sentence(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String advice(List<String> missing) {
        Map<String, String> how = Map.of(
                "SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET is under Basic Information → App Credentials",
                "SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN (xoxb-…) under OAuth & Permissions",
                "GPUOPS_TARGETS_FILE", "GPUOPS_TARGETS_FILE names your targets file (see README: Targets file)");
        List<String> hints = missing.stream().map(how::get).toList();
        return "Set them (" + String.join("; ", hints) + "), or unset every real setting to run the demo "
                + "with ./gpuops demo.";
    }
}
