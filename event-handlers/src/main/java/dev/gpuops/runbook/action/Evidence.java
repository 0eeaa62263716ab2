package dev.gpuops.runbook.action;

/**
 * Something a step saw that the diagnosis engine can match against the failure-pattern catalog.
 *
 * @param kind   where it came from
 * @param source a name for humans ("docker logs intelligensi-image-server", "supervisorctl status")
 * @param text   the raw text (already redacted)
 */
public record Evidence(Kind kind, String source, String text) {

    public enum Kind {
        STEP_ERROR, COMMAND_OUTPUT, CONTAINER_LOGS, SUPERVISOR_STATUS, HTTP_PROBE, PROVIDER_STATE, LOG_FILE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
