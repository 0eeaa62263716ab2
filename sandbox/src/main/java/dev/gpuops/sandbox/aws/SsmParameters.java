package dev.gpuops.sandbox.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** SSM Parameter Store: versioned values, {@code Overwrite} semantics, SecureStrings shown encrypted unless asked. */
final class SsmParameters {

    static final String PLACEHOLDER = "CHANGE_ME";

    record Stored(String name, String type, String value, long version, Instant modified) {
    }

    private final Clock clock;
    private final Map<String, Stored> parameters = new ConcurrentHashMap<>();
    private final Map<String, String> beforePlaceholder = new ConcurrentHashMap<>();

    SsmParameters(Clock clock) {
        this.clock = clock;
    }

    synchronized long put(String name, String value, String type, boolean overwrite) {
        if (name == null || name.isBlank()) {
            throw AwsError.sender("ValidationException", "1 validation error detected: Value null at 'name' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        if (value == null) {
            throw AwsError.sender("ValidationException", "1 validation error detected: Value null at 'value' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        Stored existing = parameters.get(name);
        if (existing != null && !overwrite) {
            throw AwsError.sender("ParameterAlreadyExists", "The parameter already exists. To overwrite this value,"
                    + " set the overwrite option in the request to true.");
        }
        String effectiveType = type != null ? type : existing != null ? existing.type() : null;
        if (effectiveType == null) {
            throw AwsError.sender("ValidationException", "A parameter type is required when you create a parameter.");
        }
        if (!effectiveType.equals("String") && !effectiveType.equals("StringList")
                && !effectiveType.equals("SecureString")) {
            throw AwsError.sender("UnsupportedParameterType", "Parameter type " + effectiveType + " is not supported.");
        }
        long version = existing == null ? 1 : existing.version() + 1;
        parameters.put(name, new Stored(name, effectiveType, value, version, clock.instant()));
        beforePlaceholder.remove(name);
        return version;
    }

    ObjectNode get(String name, boolean decrypt) {
        Stored p = parameters.get(name);
        if (p == null) {
            throw AwsError.sender("ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("Name", p.name());
        node.put("Type", p.type());
        node.put("Value", p.type().equals("SecureString") && !decrypt ? ciphertext(p.value()) : p.value());
        node.put("Version", p.version());
        node.put("LastModifiedDate", p.modified().toEpochMilli() / 1000.0);
        node.put("ARN", "arn:aws:ssm:us-east-1:" + AutoScalingState.ACCOUNT + ":parameter"
                + (p.name().startsWith("/") ? "" : "/") + p.name());
        node.put("DataType", "text");
        return node;
    }

    java.util.Set<String> names() {
        return java.util.Set.copyOf(parameters.keySet());
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(parameters.get(name)).map(Stored::value);
    }

    /** Writes the placeholder as a new version, remembering the real value so {@link #restore} can undo it. */
    synchronized void placeholder(String name) {
        Stored p = parameters.get(name);
        String type = p == null ? "String" : p.type();
        String before = p == null ? null : p.value();
        put(name, PLACEHOLDER, type, true);
        if (before != null) {
            beforePlaceholder.put(name, before);
        }
    }

    synchronized void restore(String name) {
        String before = beforePlaceholder.remove(name);
        if (before != null && value(name).filter(PLACEHOLDER::equals).isPresent()) {
            put(name, before, null, true);
        }
    }

    private static String ciphertext(String value) {
        // what KMS-encrypted values look like on the wire: an opaque base64 blob, never the plaintext
        byte[] blob = new byte[48 + value.length()];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(blob);
        return "AQICAHh" + Base64.getEncoder().encodeToString(blob);
    }
}
