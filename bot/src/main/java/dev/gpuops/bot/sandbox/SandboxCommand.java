package dev.gpuops.bot.sandbox;

import dev.gpuops.bot.slack.SlackReply;
import dev.gpuops.bot.slack.DemoCommands;
import dev.gpuops.bot.slack.Mrkdwn;
import dev.gpuops.sandbox.SandboxFleet;
import java.util.Optional;

/**
 * {@code /gpu sandbox fail <target> <fault>} and {@code /gpu sandbox heal <target>}: inject and clear faults in the
 * demo's simulators, so a newcomer can watch gpuops diagnose a real failure. Only exists when the sandbox runs.
 */
public final class SandboxCommand implements DemoCommands {

    static final String USAGE = "Usage:\n```\n/gpu sandbox fail &lt;target&gt; &lt;fault&gt;\n"
            + "/gpu sandbox heal &lt;target&gt;\n```\n"
            + "Faults: ghcr-unauthorized, hf-token-missing, no-gpu-runtime, app-crash, disk-full, supervisor-down,"
            + " pollers-missing (SSH hosts); no-capacity, boot-stuck, unhealthy (image-server); init-timeout,"
            + " jobs-stuck, dead-endpoint, model-load-failed (sophia); offline, exited (huihuang); refresh-fails,"
            + " placeholder-secret, workers-not-registering, instance-unhealthy (comfy-fleet)";
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";

    private final SandboxFleet fleet;

    /** {@code /gpu sandbox …} for the demo's fleet, or null when the demo runs no simulators. */
    public static SandboxCommand forDemo(SandboxInitializer.Demo demo) {
        return demo.fleet().map(SandboxCommand::new).orElse(null);
    }

    public SandboxCommand(SandboxFleet fleet) {
        this.fleet = fleet;
    }

    /** Empty when the text is not a sandbox command. */
    @Override
    public Optional<SlackReply> handle(String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        if (words.length == 0 || !words[0].equals("sandbox")) {
            return Optional.empty();
        }
        try {
            if (words.length == 4 && words[1].equals("fail") && words[2].matches(NAME) && words[3].matches(NAME)) {
                return Optional.of(SlackReply.inChannel(":test_tube: sandbox: " + Mrkdwn.escape(fleet.fail(words[2],
                        words[3])) + ". Now run a command against it, e.g. `/gpu diagnose " + words[2] + "`"));
            }
            if (words.length == 3 && words[1].equals("heal") && words[2].matches(NAME)) {
                return Optional.of(SlackReply.inChannel(":test_tube: sandbox: "
                        + Mrkdwn.escape(fleet.heal(words[2]))));
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(SlackReply.ephemeral(Mrkdwn.escape(e.getMessage()) + "\n" + USAGE));
        }
        return Optional.of(SlackReply.ephemeral(USAGE));
    }
}
