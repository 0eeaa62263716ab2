package dev.gpuops.provider.ssh;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docker inspect --format '{{json .State}}'}. With {@code --restart unless-stopped} a crashing app shows as
 * {@code restarting} with the last exit code, never as {@code exited}.
 */
public record ContainerState(String status, boolean running, boolean restarting, boolean oomKilled, int pid,
                             int exitCode, String error, String startedAt, String finishedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ContainerState parse(String json) {
        JsonNode state = JSON.readTree(json);
        return new ContainerState(
                state.path("Status").asString(""),
                state.path("Running").asBoolean(false),
                state.path("Restarting").asBoolean(false),
                state.path("OOMKilled").asBoolean(false),
                state.path("Pid").asInt(0),
                state.path("ExitCode").asInt(0),
                state.path("Error").asString(""),
                state.path("StartedAt").asString(""),
                state.path("FinishedAt").asString(""));
    }

    /** Up and not crash-looping. */
    public boolean healthy() {
        return running && !restarting;
    }

    public String summary() {
        if (restarting) {
            return "restarting (crash loop, last exit code " + exitCode + ")";
        }
        if (running) {
            return "running (pid " + pid + ", since " + startedAt + ")";
        }
        return status + " (exit code " + exitCode + (oomKilled ? ", OOM killed" : "")
                + (error.isEmpty() ? "" : ", " + error) + ")";
    }
}
