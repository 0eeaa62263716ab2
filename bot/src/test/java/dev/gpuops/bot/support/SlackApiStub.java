package dev.gpuops.bot.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest Slack Web API that lets Bolt start with a bot token: {@code auth.test} answers as Slack does (HTTP 200,
 * {@code ok:true} for the expected token, {@code ok:false,"error":"invalid_auth"} otherwise). The sandbox's full
 * Slack simulator replaces it once integrated.
 */
public final class SlackApiStub {

    public static final String BOT_TOKEN = "xoxb-test-0000-gpuops";

    private final HttpServer server;
    private final AtomicInteger authTests = new AtomicInteger();

    private SlackApiStub(HttpServer server) {
        this.server = server;
    }

    public static SlackApiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SlackApiStub stub = new SlackApiStub(server);
            server.createContext("/api/auth.test", exchange -> {
                stub.authTests.incrementAndGet();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String body = ("Bearer " + BOT_TOKEN).equals(auth)
                        ? "{\"ok\":true,\"url\":\"https://gpuops-test.slack.com/\",\"team\":\"gpuops-test\","
                        + "\"user\":\"gpuops\",\"team_id\":\"T0TEST\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}"
                        : "{\"ok\":false,\"error\":\"invalid_auth\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "slack-api-stub");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public int authTests() {
        return authTests.get();
    }
}
