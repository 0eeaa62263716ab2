package dev.gpuops.provider.ssh.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** ed25519 key pairs made by the real ssh-keygen. */
final class Keys {

    private Keys() {
    }

    static void generate(Path privateKey, String comment) throws IOException, InterruptedException {
        Packages.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", privateKey.toString());
    }

    /** "ssh-ed25519 AAAA…" without the comment, as known_hosts wants it. */
    static String publicKey(Path privateKey) throws IOException {
        String[] parts = Files.readString(Path.of(privateKey + ".pub")).trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }
}
