package dev.gpuops.runbook.action.vast;

import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastInstance;
import dev.gpuops.provider.vast.VastSshEndpoint;
import dev.gpuops.provider.vast.VastStatus;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where to SSH into the Vast instance, so later steps use {@code ${steps.<id>.host}} and
 * {@code ${steps.<id>.port}} instead of a hand-copied VAST_HOST/VAST_PORT that goes stale when the instance moves.
 */
@RunbookAction(key = "vast.resolve_ssh", idempotent = true, destructive = false,
        description = "Resolve the Vast instance's SSH host and port for later steps")
public final class VastResolveSsh implements Action<VastResolveSsh.Params> {

    public record Params(
            @Param("Vast instance id; defaults to vast.instanceId of the target")
            Long instanceId,
            @Param(value = "auto (direct when published, else proxy), direct, or proxy", defaultValue = "auto")
            String via) {

        public Params {
            via = via == null || via.isBlank() ? "auto" : via.strip().toLowerCase(Locale.ROOT);
            if (!via.equals("auto") && !via.equals("direct") && !via.equals("proxy")) {
                throw new IllegalArgumentException("via must be auto, direct or proxy, not '" + via + "'");
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        VastClient client = ctx.vast();
        long id = VastInstances.instanceId(ctx.target(), params.instanceId());
        VastInstance instance = VastInstances.read(client, id);
        if (instance.actualStatus() != VastStatus.RUNNING) {
            VastInstances.recordState(ctx, instance);
            throw VastInstances.notRunning(instance);
        }
        VastSshEndpoint ssh = choose(client, instance, params.via());
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("host", ssh.host());
        outputs.put("port", String.valueOf(ssh.port()));
        outputs.put("user", ssh.user());
        outputs.put("route", ssh.route().key());
        return new StepResult(ssh.command() + " (" + ssh.route().key() + ")", outputs);
    }

    private static VastSshEndpoint choose(VastClient client, VastInstance instance, String via) {
        Optional<VastSshEndpoint> chosen = switch (via) {
            case "direct" -> instance.directSsh();
            case "proxy" -> instance.proxySsh();
            default -> client.sshEndpoints(instance).stream().findFirst();
        };
        return chosen.orElseThrow(() -> StepFailure.permanent("Vast instance " + instance.id() + " has no "
                + (via.equals("auto") ? "SSH endpoint" : via + " SSH endpoint")
                + (via.equals("direct") ? " (its host has no open ports, so 22/tcp is not published); use via: proxy"
                : "; check the instance's SSH settings in the Vast console")));
    }
}
