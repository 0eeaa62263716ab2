package dev.gpuops.bot.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (v0): {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))} over the
 * raw body, compared in constant time, and a timestamp no further than {@code maxSkew} from now in either direction
 * (Bolt's own verifier only refuses old ones; a future timestamp would let a captured request be replayed later).
 */
public final class SlackRequestCheck {

    public enum Verdict { VALID, NO_SECRET, MISSING_HEADERS, STALE, FUTURE, BAD_SIGNATURE }

    private final byte[] secret;
    private final Clock clock;
    private final Duration maxSkew;
    /** Keyed once; every request works on a clone (Mac.getInstance + init per request is a provider lookup). */
    private final Mac keyed;

    public SlackRequestCheck(String signingSecret, Clock clock, Duration maxSkew) {
        this.secret = signingSecret == null || signingSecret.isBlank() ? null
                : signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.keyed = secret == null ? null : keyedMac(secret);
    }

    public Verdict check(String timestamp, String signature, byte[] body) {
        if (secret == null) {
            return Verdict.NO_SECRET;
        }
        if (timestamp == null || signature == null || !digits(timestamp)) {
            return Verdict.MISSING_HEADERS;
        }
        long skew = Long.parseLong(timestamp) - clock.instant().getEpochSecond();
        if (skew < -maxSkew.toSeconds()) {
            return Verdict.STALE;
        }
        if (skew > maxSkew.toSeconds()) {
            return Verdict.FUTURE;
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        Mac mac = mac();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** 1 to 12 ASCII digits, checked without a regex (this runs for every request). */
    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 12) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private Mac mac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return keyedMac(secret);
        }
    }

    private static Mac keyedMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
