package dev.gpuops.provider.lambda;

import java.util.Optional;

/**
 * An SSH key registered with Lambda. {@code privateKey} is only set in the answer to adding a key without a public
 * key (Lambda generates the pair and returns the private half once); it is never printed.
 */
public record LambdaSshKey(String id, String name, String publicKey, String privateKey) {

    public Optional<String> generatedPrivateKey() {
        return Optional.ofNullable(privateKey);
    }

    @Override
    public String toString() {
        return "LambdaSshKey[id=" + id + ", name=" + name + (privateKey == null ? "" : ", privateKey=[REDACTED]")
                + "]";
    }
}
