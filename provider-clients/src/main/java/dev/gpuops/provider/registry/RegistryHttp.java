package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Registry HTTP with the token dance: send, and on a 401 {@code Bearer} challenge fetch a token for the challenged
 * scope (anonymously or with the host's credentials) and send again once. Tokens are cached per registry, repository
 * and actions. Bodies stay bytes end to end.
 */
final class RegistryHttp {

    /** One request to send: the action set decides which token scope it needs. */
    record Call(String method, Repository repository, String path, String actions, Map<String, String> headers,
                byte[] body) {

        String describe() {
            return method + " " + repository + path.substring(path.lastIndexOf('/'));
        }
    }

    private final HttpClient http;
    private final RegistryConfig config;
    private final TokenSource tokens;

    RegistryHttp(RegistryConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.tokens = new TokenSource(this, config);
    }

    /** Sends and returns a 2xx response; anything else becomes a {@link ProviderException}. */
    HttpResponse<byte[]> send(Call call, boolean idempotent) {
        return config.retry().run(idempotent, () -> authorized(call));
    }

    private HttpResponse<byte[]> authorized(Call call) {
        String registry = call.repository().registry();
        Optional<String> cached = tokens.cached(call.repository(), call.actions());
        HttpResponse<byte[]> response = exchange(call, cached.map(t -> "Bearer " + t).orElse(null));
        if (response.statusCode() == 401) {
            cached.ifPresent(t -> tokens.forget(call.repository(), call.actions()));
            Optional<String> authorization = tokens.answer(call, response.headers().firstValue("WWW-Authenticate"));
            if (authorization.isPresent()) {
                response = exchange(call, authorization.get());
            }
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw errors(call.describe(), registry).map(status, text(response.body()), response.headers());
    }

    RegistryErrors errors(String what, String registry) {
        return new RegistryErrors(what, registry, config.credentials().forRegistry(registry).isPresent());
    }

    HttpResponse<byte[]> exchange(Call call, String authorization) {
        URI uri = URI.create(RegistryUrls.base(call.repository().registry()) + call.path());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout());
        call.headers().forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body());
        return execute(request.method(call.method(), body).build(), call.describe());
    }

    HttpResponse<byte[]> execute(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 0, null,
                    what + " timed out after " + config.requestTimeout(), e);
        } catch (ConnectException e) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 0, null,
                    what + ": cannot connect to " + request.uri().getHost() + ":" + request.uri().getPort(), e);
        } catch (IOException e) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 0, null,
                    what + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 0, null, what + " interrupted", e);
        }
    }

    static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
