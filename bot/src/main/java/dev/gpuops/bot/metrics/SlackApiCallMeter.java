package dev.gpuops.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * {@code gpuops_slack_api_calls_total{method,status}}, counted on the Slack SDK's HTTP client so that 429s and 5xx
 * are seen too (the SDK's response listeners only hear successful responses). Status is {@code ok}, {@code error}
 * (HTTP 200 with {@code "ok": false}), {@code ratelimited} (HTTP 429), {@code http_<code>} or {@code io_error}.
 * The method is the Web API method name from the URL ({@code chat.postMessage}); anything else is {@code other}.
 */
public final class SlackApiCallMeter implements Interceptor {

    private static final Pattern METHOD = Pattern.compile("[a-z]+(\\.[a-zA-Z]+){1,3}");
    private static final Pattern NOT_OK = Pattern.compile("\"ok\"\\s*:\\s*false");
    private static final long PEEK_BYTES = 64 * 1024;

    private final MeterRegistry registry;

    public SlackApiCallMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String method = method(chain.request().url().pathSegments());
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            count(method, "io_error");
            throw e;
        }
        String body = response.code() == 200 ? response.peekBody(PEEK_BYTES).string() : null;
        count(method, status(response.code(), body));
        return response;
    }

    private void count(String method, String status) {
        Counter.builder("gpuops.slack.api.calls")
                .description("Slack Web API calls, by method and status (ratelimited = HTTP 429)")
                .tag("method", method)
                .tag("status", status)
                .register(registry)
                .increment();
    }

    static String method(List<String> segments) {
        String last = segments.isEmpty() ? "" : segments.getLast();
        return METHOD.matcher(last).matches() ? last : "other";
    }

    static String status(int code, String body) {
        if (code == 429) {
            return "ratelimited";
        }
        if (code != 200) {
            return "http_" + code;
        }
        return body != null && NOT_OK.matcher(body).find() ? "error" : "ok";
    }
}
