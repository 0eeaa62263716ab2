package dev.gpuops.runbook.action.aws;

import dev.gpuops.runbook.action.Action;
import java.util.List;

/** The AWS fleet actions, for the composition root to register. They need an {@code AwsFleetClient} service. */
public final class AwsActions {

    private AwsActions() {
    }

    public static List<Action<?>> all() {
        return List.of(new SsmGet(), new SsmPut(), new SsmRun(), new AsgScale(), new AsgRefresh(), new AsgHealth());
    }
}
