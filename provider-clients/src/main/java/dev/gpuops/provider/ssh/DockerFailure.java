package dev.gpuops.provider.ssh;

import java.util.Locale;

/** Recognised docker CLI failures, each with what to do next (seed 000 §4–§7, §10). */
public enum DockerFailure {
    UNAUTHORIZED("the registry refused the pull: the user docker runs as is not logged in. Docker auth is per user and"
            + " per machine, and `sudo docker` uses /root/.docker/config.json: run docker.login (as root) first, and"
            + " check the token has read:packages"),
    LOGIN_DENIED("the registry rejected the user name or token: check GHCR_USERNAME/GHCR_TOKEN (read:packages scope)"),
    IMAGE_NOT_FOUND("the image or tag does not exist in the registry: check the tag was pushed"),
    NO_GPU_RUNTIME("docker cannot give the container a GPU: the NVIDIA container toolkit is missing or docker was not"
            + " restarted after installing it (nvidia-ctk runtime configure --runtime=docker; systemctl restart docker)"),
    DISK_FULL("the host's disk is full: remove unused images (docker image prune -a) or grow the disk"),
    NAME_CONFLICT("a container with this name already exists: remove it first (docker rm -f)"),
    NO_SUCH_CONTAINER("no container with this name exists on the host"),
    DAEMON_UNREACHABLE("the docker daemon is not running on the host: start it (systemctl start docker)"),
    PERMISSION_DENIED("this user may not use the docker socket: use sudo or add the user to the docker group"),
    OTHER("see the docker output above");

    private final String hint;

    DockerFailure(String hint) {
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** Classifies a failed command's output; {@code login} tells a rejected login from an unauthorized pull. */
    public static DockerFailure classify(String output, boolean login) {
        String text = output.toLowerCase(Locale.ROOT);
        if (text.contains("no space left on device")) {
            return DISK_FULL;
        }
        if (text.contains("could not select device driver") || text.contains("capabilities: [[gpu]]")) {
            return NO_GPU_RUNTIME;
        }
        if (text.contains("cannot connect to the docker daemon")) {
            return DAEMON_UNREACHABLE;
        }
        if (text.contains("permission denied while trying to connect to the docker daemon")) {
            return PERMISSION_DENIED;
        }
        if (login && (text.contains("denied") || text.contains("unauthorized") || text.contains("incorrect"))) {
            return LOGIN_DENIED;
        }
        if (text.contains("unauthorized") || text.contains("denied") || text.contains("authentication required")) {
            return UNAUTHORIZED;
        }
        if (text.contains("manifest unknown") || text.contains("not found: manifest")) {
            return IMAGE_NOT_FOUND;
        }
        if (text.contains("is already in use by container")) {
            return NAME_CONFLICT;
        }
        if (text.contains("no such container") || text.contains("no such object")) {
            return NO_SUCH_CONTAINER;
        }
        return OTHER;
    }
}
