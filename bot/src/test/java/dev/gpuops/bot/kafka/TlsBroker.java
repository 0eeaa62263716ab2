package dev.gpuops.bot.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real in-process KRaft broker whose client listener speaks TLS only (the controller listener stays PLAINTEXT, as
 * it is internal to the process). Its certificate is made here with the JDK's {@code keytool}: self-signed for
 * {@code localhost} and {@code 127.0.0.1}. {@link #truststore()} trusts it; {@link #strangerTruststore()} trusts
 * another certificate only, as a truststore for the wrong cluster would.
 */
final class TlsBroker implements AutoCloseable {

    static final String PASSWORD = "tls-it-store-password-41c2";

    private final EmbeddedKafkaKraftBroker broker;
    private final Path truststore;
    private final Path strangerTruststore;

    TlsBroker(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("broker.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        truststore = trusting(dir, keystore, "broker", "truststore.p12");
        Path stranger = dir.resolve("stranger.p12");
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", stranger.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        strangerTruststore = trusting(dir, stranger, "stranger", "stranger-truststore.p12");

        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerListProperty("gpuops.tls-kafka.brokers");
        broker.brokerProperties(Map.of(
                "listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT",
                "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", PASSWORD,
                "ssl.keystore.type", "PKCS12",
                "ssl.key.password", PASSWORD,
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", PASSWORD,
                "ssl.truststore.type", "PKCS12"));
        try {
            broker.afterPropertiesSet();
        } catch (RuntimeException e) {
            broker.destroy();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    Path truststore() {
        return truststore;
    }

    Path strangerTruststore() {
        return strangerTruststore;
    }

    /** A PKCS12 truststore holding only the certificate of {@code alias} in {@code keystore}. */
    private static Path trusting(Path dir, Path keystore, String alias, String name)
            throws IOException, InterruptedException {
        Path certificate = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-rfc", "-file", certificate.toString());
        Path trust = dir.resolve(name);
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return trust;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
        if (!Files.exists(Path.of(args[args.length - 1])) && args[0].equals("-exportcert")) {
            throw new IllegalStateException("keytool wrote no certificate: " + output);
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
