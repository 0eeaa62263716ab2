package dev.gpuops.provider.vast;

/**
 * Where to SSH into a Vast instance. Vast images log in as {@code root}.
 *
 * @param route {@link Route#PROXY} is Vast's {@code sshN.vast.ai} relay; {@link Route#DIRECT} is the machine's
 *              public address and the host port Docker mapped to the container's 22/tcp
 */
public record VastSshEndpoint(String host, int port, Route route) {

    public enum Route {
        DIRECT, PROXY;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String user() {
        return "root";
    }

    /** {@code ssh -p 34567 root@ssh4.vast.ai}, the line seed 001 asks users to copy from the console. */
    public String command() {
        return "ssh -p " + port + " " + user() + "@" + host;
    }
}
