package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Answers registry auth challenges (the distribution token-auth flow) and caches bearer tokens per registry,
 * repository and actions. Credentials only ever go to HTTPS or loopback URLs.
 */
final class TokenSource {

    private final RegistryHttp http;
    private final RegistryConfig config;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    TokenSource(RegistryHttp http, RegistryConfig config) {
        this.http = http;
        this.config = config;
    }

    Optional<String> cached(Repository repository, String actions) {
        String exact = tokens.get(key(repository, actions));
        if (exact == null && actions.equals("pull")) {
            exact = tokens.get(key(repository, "pull,push"));
        }
        return Optional.ofNullable(exact);
    }

    void forget(Repository repository, String actions) {
        tokens.remove(key(repository, actions));
    }

    /** The {@code Authorization} value to retry with, or empty when the challenge cannot be answered. */
    Optional<String> answer(RegistryHttp.Call call, Optional<String> header) {
        Optional<AuthChallenge> challenge = header.flatMap(AuthChallenge::parse);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegistryCredentials.Credential> credential =
                config.credentials().forRegistry(call.repository().registry());
        if (challenge.get().basic()) {
            return credential.map(RegistryCredentials.Credential::basicHeader);
        }
        if (!challenge.get().bearer() || challenge.get().realm().isEmpty()) {
            return Optional.empty();
        }
        String scope = challenge.get().scope()
                .orElse("repository:" + call.repository().name() + ":" + call.actions());
        String token = fetch(call, challenge.get(), scope, credential);
        tokens.put(key(call.repository(), call.actions()), token);
        return Optional.of("Bearer " + token);
    }

    private String fetch(RegistryHttp.Call call, AuthChallenge challenge, String scope,
                         Optional<RegistryCredentials.Credential> credential) {
        URI realm = tokenUri(challenge, scope);
        String registry = call.repository().registry();
        String what = "token request to " + realm.getHost() + " for " + scope;
        HttpRequest.Builder request = HttpRequest.newBuilder(realm).timeout(config.requestTimeout()).GET();
        if (credential.isPresent()) {
            if (!RegistryUrls.safeForCredentials(realm)) {
                throw new ProviderException.Permanent(RegistryErrors.PROVIDER, 0, null, "refusing to send "
                        + registry + " credentials to the non-HTTPS token realm " + realm.getHost());
            }
            request.header("Authorization", credential.get().basicHeader());
        }
        HttpResponse<byte[]> response = http.execute(request.build(), what);
        if (response.statusCode() != 200) {
            throw http.errors(what, registry)
                    .map(response.statusCode(), RegistryHttp.text(response.body()), response.headers());
        }
        JsonNode body = parse(response.body(), what);
        String token = body.path("token").asString(body.path("access_token").asString(""));
        if (token.isBlank()) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 200, null,
                    what + " returned no token", null);
        }
        Redactor.register(token);
        return token;
    }

    private static JsonNode parse(byte[] body, String what) {
        try {
            return JsonHttp.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 200, null,
                    what + " returned something that is not JSON", null);
        }
    }

    private static URI tokenUri(AuthChallenge challenge, String scope) {
        String realm = challenge.realm().orElseThrow();
        StringBuilder uri = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        challenge.service().ifPresent(s -> uri.append("service=").append(encode(s)).append('&'));
        uri.append("scope=").append(encode(scope));
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String key(Repository repository, String actions) {
        return repository.registry() + "|" + repository.name() + "|" + actions;
    }
}
