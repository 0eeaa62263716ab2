package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaInstance;
import dev.gpuops.provider.lambda.LambdaInstanceStatus;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.util.List;
import java.util.Set;

/** {@code lambda-status}: the instance named {@code lambda.name}, as the Lambda Cloud API reports it. */
public final class LambdaStatusProbe implements Probe {

    private static final Set<LambdaInstanceStatus> FAILING = Set.of(LambdaInstanceStatus.UNHEALTHY,
            LambdaInstanceStatus.TERMINATED, LambdaInstanceStatus.PREEMPTED);

    private final LambdaCloudClient lambda;

    public LambdaStatusProbe(LambdaCloudClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public String key() {
        return "lambda-status";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        if (lambda == null) {
            return List.of(CheckResult.unknown(check.id(), "the Lambda client is not configured (LAMBDA_API_KEY)"));
        }
        String name = target.lambda() == null ? target.name() : target.lambda().name();
        try {
            List<LambdaInstance> named = lambda.listInstances().stream().filter(i -> name.equals(i.name())).toList();
            if (named.isEmpty()) {
                return List.of(CheckResult.failing(check.id(), "no Lambda instance named " + name));
            }
            List<LambdaInstance> bad = named.stream().filter(i -> FAILING.contains(i.status())).toList();
            if (bad.size() == named.size()) {
                return List.of(CheckResult.failing(check.id(), "instance " + String.join(", ",
                        bad.stream().map(LambdaInstance::describe).toList())));
            }
            return List.of(CheckResult.ok(check.id(), "instance " + named.getFirst().describe()));
        } catch (ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "Lambda API unreachable ("
                    + Redactor.redact(e.getMessage()) + ")"));
        }
    }
}
