package dev.gpuops.sandbox.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Auto Scaling in the AWS Query protocol: {@code Action=…&Version=2011-01-01} form bodies in, namespaced XML out.
 * Nested structures arrive flattened ({@code Preferences.MinHealthyPercentage}), lists as {@code Name.member.N}.
 */
final class AutoScalingQuery {

    static final String VERSION = "2011-01-01";

    private final AutoScalingState state;

    AutoScalingQuery(AutoScalingState state) {
        this.state = state;
    }

    /** Answers one request; service errors are thrown as {@link AwsError} for the caller to render. */
    QueryXml handle(String action, Map<String, String> form) {
        if (!VERSION.equals(form.get("Version"))) {
            throw AwsError.sender("InvalidParameterValue", "Unsupported API version: " + form.get("Version"));
        }
        return switch (action) {
            case "DescribeAutoScalingGroups" -> describeGroups(members(form, "AutoScalingGroupNames"));
            case "SetDesiredCapacity" -> {
                state.setDesired(required(form, "AutoScalingGroupName"), integer(form, "DesiredCapacity", true),
                        Boolean.parseBoolean(form.getOrDefault("HonorCooldown", "false")));
                yield null;
            }
            case "UpdateAutoScalingGroup" -> {
                state.update(required(form, "AutoScalingGroupName"), integer(form, "MinSize", false),
                        integer(form, "MaxSize", false), integer(form, "DesiredCapacity", false));
                yield null;
            }
            case "StartInstanceRefresh" -> startRefresh(form);
            case "DescribeInstanceRefreshes" -> describeRefreshes(required(form, "AutoScalingGroupName"),
                    members(form, "InstanceRefreshIds"));
            case "CancelInstanceRefresh" -> new QueryXml().field("InstanceRefreshId",
                    state.cancelRefresh(required(form, "AutoScalingGroupName")).id);
            default -> throw AwsError.sender("InvalidAction",
                    "The action " + action + " is not valid for this web service.");
        };
    }

    private QueryXml startRefresh(Map<String, String> form) {
        String strategy = form.getOrDefault("Strategy", "Rolling");
        if (!strategy.equals("Rolling") && !strategy.equals("ReplaceRootVolume")) {
            throw AwsError.validation("Strategy " + strategy + " is not supported");
        }
        Integer minHealthy = integer(form, "Preferences.MinHealthyPercentage", false);
        Integer warmup = integer(form, "Preferences.InstanceWarmup", false);
        var refresh = state.startRefresh(required(form, "AutoScalingGroupName"),
                minHealthy == null ? 90 : minHealthy, warmup == null ? 300 : warmup);
        return new QueryXml().field("InstanceRefreshId", refresh.id);
    }

    private QueryXml describeGroups(List<String> names) {
        QueryXml xml = new QueryXml().open("AutoScalingGroups");
        for (AutoScalingState.Group g : state.groups(names)) {
            xml.open("member")
                    .field("AutoScalingGroupName", g.name).field("AutoScalingGroupARN", g.arn)
                    .open("LaunchTemplate").field("LaunchTemplateId", "lt-0a1b2c3d4e5f60718")
                    .field("LaunchTemplateName", "lt-" + g.name.replaceFirst("^asg-", ""))
                    .field("Version", "$Latest").close("LaunchTemplate")
                    .field("MinSize", g.min).field("MaxSize", g.max).field("DesiredCapacity", g.desired)
                    .field("DefaultCooldown", 300)
                    .members("AvailabilityZones", List.of("us-east-1a", "us-east-1b", "us-east-1c"))
                    .members("LoadBalancerNames", List.of()).members("TargetGroupARNs", List.of())
                    .field("HealthCheckType", "EC2").field("HealthCheckGracePeriod", 300);
            instances(xml, g);
            xml.field("CreatedTime", g.created).members("SuspendedProcesses", List.of())
                    .members("EnabledMetrics", List.of()).members("Tags", List.of())
                    .members("TerminationPolicies", List.of("Default"))
                    .field("NewInstancesProtectedFromScaleIn", false)
                    .field("ServiceLinkedRoleARN", "arn:aws:iam::" + AutoScalingState.ACCOUNT
                            + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
                    .close("member");
        }
        return xml.close("AutoScalingGroups");
    }

    private void instances(QueryXml xml, AutoScalingState.Group g) {
        xml.open("Instances");
        boolean unhealthy = state.faulted(AwsFault.INSTANCE_UNHEALTHY, g.name);
        for (AutoScalingState.Node n : g.instances) {
            xml.open("member").field("InstanceId", n.id).field("InstanceType", "g5.xlarge")
                    .field("AvailabilityZone", n.zone).field("LifecycleState", n.lifecycle(state.now()))
                    .field("HealthStatus", unhealthy && n == g.instances.getFirst() ? "Unhealthy" : "Healthy")
                    .open("LaunchTemplate").field("LaunchTemplateId", "lt-0a1b2c3d4e5f60718")
                    .field("LaunchTemplateName", "lt-" + g.name.replaceFirst("^asg-", ""))
                    .field("Version", "1").close("LaunchTemplate")
                    .field("ProtectedFromScaleIn", false).close("member");
        }
        xml.close("Instances");
    }

    private QueryXml describeRefreshes(String group, List<String> ids) {
        QueryXml xml = new QueryXml().open("InstanceRefreshes");
        for (AutoScalingState.Refresh r : state.refreshes(group, ids)) {
            xml.open("member").field("InstanceRefreshId", r.id).field("AutoScalingGroupName", r.group)
                    .field("Status", r.status).field("StatusReason", r.reason)
                    .field("StartTime", r.start).field("EndTime", r.end)
                    .field("PercentageComplete", r.percentage())
                    .field("InstancesToUpdate", r.toReplace.size())
                    .open("Preferences").field("MinHealthyPercentage", r.minHealthy)
                    .field("InstanceWarmup", r.warmup).field("SkipMatching", false)
                    .field("AutoRollback", false).field("ScaleInProtectedInstances", "Ignore")
                    .field("StandbyInstances", "Ignore").close("Preferences")
                    .field("Strategy", "Rolling")
                    .close("member");
        }
        return xml.close("InstanceRefreshes");
    }

    static List<String> members(Map<String, String> form, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(name + ".member." + i); i++) {
            values.add(form.get(name + ".member." + i));
        }
        return values;
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw AwsError.validation("1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static Integer integer(Map<String, String> form, String name, boolean required) {
        String value = required ? required(form, name) : form.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AwsError.sender("MalformedInput", "Invalid value for " + name + ": " + value);
        }
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
