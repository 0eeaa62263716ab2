package dev.gpuops.provider.ssh;

/**
 * supervisorctl ran but could not talk to supervisord: the socket file is missing ({@code no such file}), nothing
 * accepts on it ({@code refused connection}), or it wants credentials.
 *
 * @param reason   the supervisorctl wording, e.g. "no such file"
 * @param exitCode 4 for status, 4 or 7 for other commands
 */
public record SupervisorUnreachable(String host, String socketUrl, String reason, int exitCode, String output)
        implements StatusResult, ControlResult, TailResult {

    /** What happened and what to do next, for the run's thread. */
    public String message() {
        String next = switch (reason) {
            case "no such file" -> "supervisord is not running, or it uses another socket. Start it (for example"
                    + " /workspace/start_remote.sh --restart or supervisord -c <conf>) or fix the target's"
                    + " supervisor.socket.";
            case "refused connection" -> "the socket exists but nothing accepts on it: supervisord probably died."
                    + " Restart it, then check its log.";
            case "requires authentication" -> "supervisord's [unix_http_server] has a username/password; gpuops"
                    + " does not send one. Remove it or use a socket without authentication.";
            default -> "check that supervisord is running on the host.";
        };
        return "supervisord not reachable on " + host + " at " + socketUrl + " (" + reason + "): " + next;
    }
}
