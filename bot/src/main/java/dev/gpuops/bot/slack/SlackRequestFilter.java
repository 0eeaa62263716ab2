package dev.gpuops.bot.slack;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /slack/events}: checks the signature and both-ways freshness of every request before Bolt sees it
 * (Bolt then verifies again). {@code ssl_check} probes pass through unsigned; Bolt answers them with 200.
 */
public class SlackRequestFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SlackRequestFilter.class);
    private static final int MAX_BODY = 1 << 20;
    private static final byte[] SSL_CHECK = "ssl_check=1".getBytes(StandardCharsets.US_ASCII);

    private final SlackRequestCheck check;

    public SlackRequestFilter(SlackRequestCheck check) {
        this.check = check;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        HttpServletRequest cached = new CachedBody(request, body);
        if (isSslCheck(body)) {
            chain.doFilter(cached, response);
            return;
        }
        SlackRequestCheck.Verdict verdict = check.check(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"), body);
        if (verdict == SlackRequestCheck.Verdict.VALID) {
            chain.doFilter(cached, response);
            return;
        }
        if (verdict == SlackRequestCheck.Verdict.NO_SECRET) {
            LOG.error("Refused a Slack request: SLACK_SIGNING_SECRET is not set, so no request can be verified. "
                    + "Set it to the signing secret from the Slack app's Basic Information page.");
        } else {
            LOG.info("Refused a Slack request from {}: {}", request.getRemoteAddr(), verdict);
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid request\"}");
    }

    /** Whether one of the form's fields is exactly {@code ssl_check=1}; scans the bytes, allocates nothing. */
    static boolean isSslCheck(byte[] body) {
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i - start == SSL_CHECK.length && Arrays.equals(body, start, i, SSL_CHECK, 0, SSL_CHECK.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Serves the already-read body again to Bolt, which reads it through {@code getReader()}. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already buffered");
                }
            };
        }

        /**
         * Bolt reads the body as {@code getReader().lines()} joined; this reader hands over the decoded body's lines
         * directly instead of decoding through 16 KB of fresh buffers per request.
         */
        @Override
        public BufferedReader getReader() {
            String text = new String(body, charset());
            return new BufferedReader(new StringReader(text), Math.max(1, Math.min(text.length(), 8192))) {
                @Override
                public Stream<String> lines() {
                    return text.lines();
                }
            };
        }

        private Charset charset() {
            try {
                String encoding = getCharacterEncoding();
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException unknownEncoding) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
