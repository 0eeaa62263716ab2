package dev.gpuops.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.support.SettableClock;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One documented request per operation, sent as raw HTTP, with the response checked against the documented shape
 * (api-reference §4: Query protocol XML for Auto Scaling, JSON 1.1 for SSM).
 */
class SandboxAwsTest {

    static final String NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    static final String GROUP = "asg-staging-gpu-default";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newHttpClient();
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
    SandboxAws aws;

    @BeforeEach
    void start() {
        aws = SandboxAws.start(clock, Timing.steps()).seedFleet("staging", "gpu-default");
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    HttpResponse<String> query(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(aws.baseUrl().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> ssm(String operation, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(aws.baseUrl().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Element xml(HttpResponse<String> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        return doc.getDocumentElement();
    }

    static String text(Element root, String path) {
        Element current = root;
        for (String name : path.split("/")) {
            current = (Element) current.getElementsByTagNameNS(NS, name).item(0);
            if (current == null) {
                return null;
            }
        }
        return current.getTextContent();
    }

    static int elementChildren(Element parent) {
        int count = 0;
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            count += n instanceof Element ? 1 : 0;
        }
        return count;
    }

    static void assertQuerySuccess(HttpResponse<String> response, String operation, boolean hasResult)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/xml");
        Element root = xml(response);
        assertThat(root.getLocalName()).isEqualTo(operation + "Response");
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getElementsByTagNameNS(NS, operation + "Result").getLength()).isEqualTo(hasResult ? 1 : 0);
        assertThat(text(root, "ResponseMetadata/RequestId")).matches("[0-9a-f-]{36}");
    }

    @Test
    void describeAutoScalingGroupsUsesMemberListsAndNamespacedResult() throws Exception {
        HttpResponse<String> response = query("Action=DescribeAutoScalingGroups&Version=2011-01-01"
                + "&AutoScalingGroupNames.member.1=" + GROUP);

        assertQuerySuccess(response, "DescribeAutoScalingGroups", true);
        Element root = xml(response);
        Element group = (Element) root.getElementsByTagNameNS(NS, "AutoScalingGroups").item(0)
                .getChildNodes().item(0);
        assertThat(group.getLocalName()).isEqualTo("member");
        assertThat(text(group, "AutoScalingGroupName")).isEqualTo(GROUP);
        assertThat(text(group, "DesiredCapacity")).isEqualTo("2");
        assertThat(elementChildren((Element) group.getElementsByTagNameNS(NS, "Instances").item(0))).isEqualTo(2);
        assertThat(text(group, "Instances/member/LifecycleState")).isEqualTo("InService");
        assertThat(text(group, "Instances/member/HealthStatus")).isEqualTo("Healthy");
    }

    @Test
    void setDesiredCapacityAndUpdateGroupAnswerMetadataOnly() throws Exception {
        assertQuerySuccess(query("Action=SetDesiredCapacity&Version=2011-01-01&AutoScalingGroupName=" + GROUP
                + "&DesiredCapacity=3&HonorCooldown=false"), "SetDesiredCapacity", false);
        assertQuerySuccess(query("Action=UpdateAutoScalingGroup&Version=2011-01-01&AutoScalingGroupName=" + GROUP
                + "&MinSize=1&MaxSize=5"), "UpdateAutoScalingGroup", false);

        assertThat(aws.desiredCapacity(GROUP)).isEqualTo(3);
        assertThat(aws.instances(GROUP).values()).containsExactlyInAnyOrder("InService", "InService", "Pending");
    }

    @Test
    void instanceRefreshReadsNestedPreferencesAndReportsProgress() throws Exception {
        HttpResponse<String> started = query("Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName="
                + GROUP + "&Strategy=Rolling&Preferences.MinHealthyPercentage=90&Preferences.InstanceWarmup=300");
        assertQuerySuccess(started, "StartInstanceRefresh", true);
        String id = text(xml(started), "StartInstanceRefreshResult/InstanceRefreshId");

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> described = query("Action=DescribeInstanceRefreshes&Version=2011-01-01"
                + "&AutoScalingGroupName=" + GROUP + "&InstanceRefreshIds.member.1=" + id);
        assertQuerySuccess(described, "DescribeInstanceRefreshes", true);
        Element member = (Element) xml(described).getElementsByTagNameNS(NS, "InstanceRefreshes").item(0)
                .getChildNodes().item(0);
        assertThat(text(member, "InstanceRefreshId")).isEqualTo(id);
        assertThat(text(member, "Status")).isEqualTo("InProgress");
        assertThat(text(member, "PercentageComplete")).isEqualTo("50");
        assertThat(text(member, "InstancesToUpdate")).isEqualTo("1");
        assertThat(text(member, "Preferences/MinHealthyPercentage")).isEqualTo("90");
        assertThat(text(member, "Preferences/InstanceWarmup")).isEqualTo("300");
        assertThat(text(member, "StartTime")).isEqualTo("2026-11-23T03:00:00Z");

        HttpResponse<String> cancelled = query("Action=CancelInstanceRefresh&Version=2011-01-01"
                + "&AutoScalingGroupName=" + GROUP);
        assertQuerySuccess(cancelled, "CancelInstanceRefresh", true);
        assertThat(text(xml(cancelled), "InstanceRefreshId")).isEqualTo(id);
    }

    @Test
    void queryErrorsUseTheErrorResponseEnvelope() throws Exception {
        query("Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=" + GROUP);
        HttpResponse<String> busy = query("Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName="
                + GROUP);

        assertThat(busy.statusCode()).isEqualTo(400);
        Element root = xml(busy);
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(text(root, "Error/Type")).isEqualTo("Sender");
        assertThat(text(root, "Error/Code")).isEqualTo("InstanceRefreshInProgress");
        assertThat(text(root, "Error/Message")).isNotBlank();
        assertThat(text(root, "RequestId")).isNotBlank();
    }

    @Test
    void throttlingAnswersBothProtocolsInTheirOwnShape() throws Exception {
        aws.fail("throttle");

        HttpResponse<String> query = query("Action=DescribeAutoScalingGroups&Version=2011-01-01");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(text(xml(query), "Error/Code")).isEqualTo("Throttling");

        HttpResponse<String> json = ssm("GetParameter", "{\"Name\":\"/bp/staging/models/bucket\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(json.body()).path("__type").asString()).isEqualTo("ThrottlingException");
        assertThat(json.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
    }

    @Test
    void getAndPutParameterFollowTheJsonShapes() throws Exception {
        HttpResponse<String> got = ssm("GetParameter", "{\"Name\":\"/bp/staging/models/bucket\",\"WithDecryption\":true}");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(got.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode parameter = JSON.readTree(got.body()).path("Parameter");
        assertThat(parameter.path("Name").asString()).isEqualTo("/bp/staging/models/bucket");
        assertThat(parameter.path("Type").asString()).isEqualTo("String");
        assertThat(parameter.path("Version").asLong()).isEqualTo(1);
        assertThat(parameter.path("LastModifiedDate").isNumber()).isTrue();
        assertThat(parameter.path("ARN").asString()).startsWith("arn:aws:ssm:");

        HttpResponse<String> put = ssm("PutParameter", "{\"Name\":\"/bp/staging/fleet-secret\",\"Value\":\"x\","
                + "\"Type\":\"String\",\"Overwrite\":true}");
        assertThat(JSON.readTree(put.body()).path("Version").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(put.body()).path("Tier").asString()).isEqualTo("Standard");

        HttpResponse<String> exists = ssm("PutParameter", "{\"Name\":\"/bp/staging/fleet-secret\",\"Value\":\"y\","
                + "\"Type\":\"String\"}");
        assertThat(exists.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(exists.body()).path("__type").asString()).isEqualTo("ParameterAlreadyExists");

        HttpResponse<String> missing = ssm("GetParameter", "{\"Name\":\"/nope\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(missing.body());
        assertThat(error.path("__type").asString()).isEqualTo("ParameterNotFound");
        assertThat(error.has("message")).isTrue();
    }

    @Test
    void sendCommandThenInvocationIsUnknownFirstThenInProgressThenFinal() throws Exception {
        String instance = aws.instances(GROUP).keySet().iterator().next();
        HttpResponse<String> sent = ssm("SendCommand", "{\"DocumentName\":\"AWS-RunShellScript\",\"InstanceIds\":[\""
                + instance + "\"],\"Parameters\":{\"commands\":[\"echo ok\"]},\"TimeoutSeconds\":60}");
        JsonNode command = JSON.readTree(sent.body()).path("Command");
        assertThat(command.path("Status").asString()).isEqualTo("Pending");
        assertThat(command.path("Parameters").path("commands").get(0).asString()).isEqualTo("echo ok");
        String body = "{\"CommandId\":\"" + command.path("CommandId").asString() + "\",\"InstanceId\":\""
                + instance + "\"}";

        HttpResponse<String> first = ssm("GetCommandInvocation", body);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(first.body()).path("__type").asString()).isEqualTo("InvocationDoesNotExist");
        assertThat(JSON.readTree(ssm("GetCommandInvocation", body).body()).path("Status").asString())
                .isEqualTo("InProgress");
        JsonNode done = JSON.readTree(ssm("GetCommandInvocation", body).body());
        assertThat(done.path("Status").asString()).isEqualTo("Success");
        assertThat(done.path("ResponseCode").asInt()).isZero();
        assertThat(done.path("StandardOutputContent").asString()).isEqualTo("ok\n");
    }

    @Test
    void requestsAreToldApartByHeadersAndRecorded() throws Exception {
        ssm("GetParameter", "{\"Name\":\"/bp/staging/models/bucket\"}");
        query("Action=DescribeAutoScalingGroups&Version=2011-01-01");
        HttpResponse<String> neither = http.send(HttpRequest.newBuilder(aws.baseUrl().resolve("/"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("?")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(aws.exchanges()).extracting(RecordedExchange::api, RecordedExchange::operation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("json", "GetParameter"),
                        org.assertj.core.groups.Tuple.tuple("query", "DescribeAutoScalingGroups"),
                        org.assertj.core.groups.Tuple.tuple("query", "?"));
    }
}
