package dev.gpuops.sandbox.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Default output of scripts nobody registered a rule for: the seed 004 worker checks, and plain echoes. */
final class WorkerScripts {

    private static final DateTimeFormatter JOURNAL = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WorkerScripts() {
    }

    /** {@code systemctl status comfyui-worker} plus the worker's last journal line. */
    static SsmCommands.Outcome registration(String instanceId, boolean failing, Instant now) {
        String host = "ip-10-0-1-" + (Math.abs(instanceId.hashCode()) % 250 + 2);
        String stamp = JOURNAL.format(now);
        String last = failing
                ? stamp + " " + host + " worker[1234]: registration failed: POST /api/worker/register returned 401"
                        + " Unauthorized (invalid fleet secret); retrying in 30s"
                : stamp + " " + host + " worker[1234]: registered with backend as " + instanceId
                        + " (registration_source=fleet); polling for jobs";
        String stdout = "● comfyui-worker.service - ComfyUI fleet worker\n"
                + "     Loaded: loaded (/etc/systemd/system/comfyui-worker.service; enabled; preset: enabled)\n"
                + "     Active: active (running) since " + stamp + " UTC; 4min ago\n"
                + "   Main PID: 1234 (python3)\n\n" + last + "\n";
        return new SsmCommands.Outcome(0, stdout, "");
    }

    /** Lines {@code echo …} print their text; {@code exit N} sets the exit code; anything else prints nothing. */
    static SsmCommands.Outcome echoes(String script) {
        StringBuilder out = new StringBuilder();
        int exit = 0;
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("echo ")) {
                out.append(trimmed.substring(5).replaceAll("^['\"]|['\"]$", "")).append('\n');
            } else if (trimmed.matches("exit \\d+")) {
                exit = Integer.parseInt(trimmed.substring(5));
                break;
            }
        }
        return new SsmCommands.Outcome(exit, out.toString(), exit == 0 ? "" : "failed to run commands: exit status "
                + exit + "\n");
    }
}
