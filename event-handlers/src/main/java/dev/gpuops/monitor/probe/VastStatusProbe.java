package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastInstance;
import dev.gpuops.provider.vast.VastStatus;
import dev.gpuops.target.Target;
import java.util.List;

/** {@code vast-status}: the instance's {@code actual_status}; {@code exited} and {@code offline} fail. */
public final class VastStatusProbe implements Probe {

    private final VastClient vast;

    public VastStatusProbe(VastClient vast) {
        this.vast = vast;
    }

    @Override
    public String key() {
        return "vast-status";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        if (vast == null || target.vast() == null) {
            return List.of(CheckResult.unknown(check.id(), "the Vast client (VAST_API_KEY) or vast.instanceId is"
                    + " not configured"));
        }
        try {
            VastInstance instance = vast.getInstance(target.vast().instanceId());
            String evidence = "instance " + instance.id() + " actual_status " + instance.describeStatus();
            boolean down = instance.actualStatus() == VastStatus.EXITED || instance.actualStatus() == VastStatus.OFFLINE;
            return List.of(down ? CheckResult.failing(check.id(), evidence) : CheckResult.ok(check.id(), evidence));
        } catch (ProviderException.NotFound e) {
            return List.of(CheckResult.failing(check.id(), "Vast has no instance " + target.vast().instanceId()));
        } catch (ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "Vast API unreachable ("
                    + Redactor.redact(e.getMessage()) + ")"));
        }
    }
}
