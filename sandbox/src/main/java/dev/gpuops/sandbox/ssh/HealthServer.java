package dev.gpuops.sandbox.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP port. A plain socket server rather than an HTTP library, because the interesting answer is not HTTP
 * at all: when the app has crashed, docker-proxy accepts and then resets the connection, which is exactly what
 * seed 000 saw ("/health resets connection").
 */
final class HealthServer implements AutoCloseable {

    enum Answer { UP, BOOTING, DOWN }

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final ServerSocket server;
    private final Supplier<Answer> state;
    private final Thread acceptor;

    HealthServer(Supplier<Answer> state) throws IOException {
        this.state = state;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("sandbox-health-" + server.getLocalPort()).start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("health accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            String requestLine = readHead(socket.getInputStream());
            Answer answer = state.get();
            if (answer == Answer.DOWN) {
                socket.setSoLinger(true, 0); // close with RST: "Connection reset by peer"
                return;
            }
            String path = requestLine.split(" ").length > 1 ? requestLine.split(" ")[1] : "/";
            if (!path.equals("/health") && !path.startsWith("/health?")) {
                respond(socket.getOutputStream(), 404, "Not Found", "{\"detail\":\"Not Found\"}");
            } else if (answer == Answer.BOOTING) {
                respond(socket.getOutputStream(), 503, "Service Unavailable", "{\"status\":\"loading\"}");
            } else {
                respond(socket.getOutputStream(), 200, "OK", "{\"status\":\"ok\"}");
            }
        } catch (IOException e) {
            LOG.trace("health connection ended: {}", e.toString());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 8192 && !head.toString().endsWith("\r\n\r\n") && !head.toString().endsWith("\n\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString().lines().findFirst().orElse("");
    }

    private static void respond(OutputStream out, int status, String reason, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) + "\r\n"
                + "server: uvicorn\r\n"
                + "content-length: " + bytes.length + "\r\n"
                + "content-type: application/json\r\n"
                + "connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
