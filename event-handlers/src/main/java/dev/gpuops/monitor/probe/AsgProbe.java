package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.GroupInstance;
import dev.gpuops.provider.aws.GroupState;
import dev.gpuops.provider.aws.InstanceRefresh;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code asg-capacity}: InService healthy instances below the desired capacity, instances marked Unhealthy, or a
 * latest instance refresh that failed or was cancelled.
 */
public final class AsgProbe implements Probe {

    private final AwsFleetClient aws;

    public AsgProbe(AwsFleetClient aws) {
        this.aws = aws;
    }

    @Override
    public String key() {
        return "asg-capacity";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        if (aws == null || target.aws() == null) {
            return List.of(CheckResult.unknown(check.id(), "the AWS client or the target's aws section is missing"));
        }
        String group = target.aws().autoScalingGroup();
        try {
            AwsFleetClient client = aws.inRegion(target.aws().region());
            GroupState state = client.describeGroup(group);
            List<InstanceRefresh> refreshes = client.describeInstanceRefreshes(group, null);
            return List.of(judge(check.id(), state, refreshes));
        } catch (ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "AWS API unreachable ("
                    + Redactor.redact(e.getMessage()) + ")"));
        }
    }

    static CheckResult judge(String check, GroupState state, List<InstanceRefresh> refreshes) {
        List<String> problems = new ArrayList<>();
        if (state.inServiceHealthy() < state.desiredCapacity()) {
            problems.add(state.inServiceHealthy() + "/" + state.desiredCapacity() + " instances InService and healthy");
        }
        List<String> unhealthy = state.instances().stream().filter(i -> "Unhealthy".equalsIgnoreCase(i.healthStatus()))
                .map(GroupInstance::instanceId).toList();
        if (!unhealthy.isEmpty()) {
            problems.add("Unhealthy: " + String.join(", ", unhealthy));
        }
        refreshes.stream().filter(r -> r.startTime() != null).max(Comparator.comparing(InstanceRefresh::startTime))
                .filter(r -> r.status() != null && r.status().unsuccessful())
                .ifPresent(r -> problems.add("instance refresh " + r.describe()));
        String evidence = state.name() + ": " + (problems.isEmpty() ? state.inServiceHealthy() + "/"
                + state.desiredCapacity() + " InService and healthy" : String.join("; ", problems));
        return problems.isEmpty() ? CheckResult.ok(check, evidence) : CheckResult.failing(check, evidence);
    }
}
