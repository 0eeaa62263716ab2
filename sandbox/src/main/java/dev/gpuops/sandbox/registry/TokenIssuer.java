package dev.gpuops.sandbox.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token service of the distribution token-auth flow: checks Basic credentials, grants what each requested scope
 * allows (public pull for anyone; private pull and push for known users), and remembers what each token grants.
 */
final class TokenIssuer {

    record User(String password, boolean canPush) {
    }

    /** What a bearer token may do; {@code user} is null for anonymous tokens. */
    record Grant(String user, Set<String> actions) {

        boolean allows(String repository, String action) {
            return actions.contains(repository + ":" + action);
        }
    }

    private final RegistryStore store;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

    TokenIssuer(RegistryStore store) {
        this.store = store;
    }

    void user(String name, String password, boolean canPush) {
        users.put(name, new User(password, canPush));
    }

    /** Empty when Basic credentials were sent but are wrong. */
    Optional<String> issue(String authorization, List<String> scopes) {
        String user = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<String> checked = check(authorization.substring(6).trim());
            if (checked.isEmpty()) {
                return Optional.empty();
            }
            user = checked.get();
        }
        Set<String> granted = new HashSet<>();
        for (String scope : scopes) {
            grant(user, scope, granted);
        }
        String token = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Grant(user, Set.copyOf(granted)));
        return Optional.of(token);
    }

    Optional<Grant> grant(String bearer) {
        return Optional.ofNullable(bearer == null ? null : tokens.get(bearer));
    }

    private void grant(String user, String scope, Set<String> granted) {
        String[] parts = scope.split(":");
        if (parts.length != 3 || !parts[0].equals("repository")) {
            return;
        }
        String name = parts[1];
        boolean isPublic = store.find(name).map(r -> r.isPublic).orElse(false);
        for (String action : parts[2].split(",")) {
            boolean allowed = switch (action) {
                case "pull" -> isPublic || user != null;
                case "push" -> user != null && users.get(user).canPush();
                default -> false;
            };
            if (allowed) {
                granted.add(name + ":" + action);
            }
        }
    }

    private Optional<String> check(String base64) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        User user = users.get(name);
        return user != null && user.password().equals(decoded.substring(colon + 1))
                ? Optional.of(name) : Optional.empty();
    }
}
