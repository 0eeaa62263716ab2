package dev.gpuops.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slash-command invocations as Slack sends them: the form fields in Slack's order, a fresh {@code trigger_id} each,
 * signed (v0) with the app's signing secret and the current time.
 */
final class SignedInvocations {

    private static final String CHANNEL = "C0GPUOPS01";
    private static final String USER = "U0ONCALL01";

    private final byte[] secret;
    private final String responseBase;
    private final AtomicLong sequence = new AtomicLong();

    SignedInvocations(String signingSecret, String responseBase) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.responseBase = responseBase;
    }

    /** One signed request for {@code /gpu <text>} typed in #gpu-ops. */
    Signed next(String text) {
        return next(text, CHANNEL, "gpu-ops");
    }

    /** One signed request for {@code /gpu <text>} typed in the given channel. */
    Signed next(String text, String channelId, String channelName) {
        long n = sequence.incrementAndGet();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "sandboxVerificationToken0");
        form.put("team_id", "T0GPUOPS");
        form.put("team_domain", "gpuops-sandbox");
        form.put("channel_id", channelId);
        form.put("channel_name", channelName);
        form.put("user_id", USER);
        form.put("user_name", "alice");
        form.put("command", "/gpu");
        form.put("text", text);
        form.put("api_app_id", "A0GPUOPS");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseBase + "/response/bench-" + n);
        form.put("trigger_id", triggerId());
        String body = encode(form);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return new Signed(timestamp, sign(timestamp, body), body);
    }

    /** Writes {@code count} invocations of {@code texts} (round robin) for wrk/slack.lua, one per line. */
    void writeFile(Path file, int count, String... texts) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                Signed s = next(texts[i % texts.length]);
                out.write(s.timestamp() + "\t" + s.signature() + "\t" + s.body() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Slack's trigger ids look like {@code 123456789012.12345678901.hex}. */
    private static String triggerId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] suffix = new byte[16];
        random.nextBytes(suffix);
        return random.nextLong(100_000_000_000L, 999_999_999_999L) + "."
                + random.nextLong(10_000_000_000L, 99_999_999_999L) + "." + HexFormat.of().formatHex(suffix);
    }

    private static String encode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    record Signed(String timestamp, String signature, String body) {
    }
}
