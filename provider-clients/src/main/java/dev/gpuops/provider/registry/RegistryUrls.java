package dev.gpuops.provider.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Where a registry host is reached. Loopback registries (the sandbox, a local {@code registry:2}) speak plain HTTP;
 * everything else is HTTPS, with no fallback, so credentials never travel unencrypted off the machine.
 */
public final class RegistryUrls {

    private RegistryUrls() {
    }

    /** {@code http://127.0.0.1:5000} or {@code https://ghcr.io}. */
    public static URI base(String registry) {
        String scheme = loopback(hostOf(registry)) ? "http" : "https";
        return URI.create(scheme + "://" + registry);
    }

    /** True for 127.0.0.0/8, {@code localhost} and {@code ::1}, judged from the text only (no DNS lookup). */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** May this URL receive credentials? Only over HTTPS or to this machine. */
    public static boolean safeForCredentials(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && loopback(uri.getHost()));
    }

    /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
    static String hostOf(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end < 0 ? registry : registry.substring(0, end + 1);
        }
        int colon = registry.indexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }
}
