package dev.gpuops.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.gpuops.bot.config.SlackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Connects the same Bolt app over Socket Mode when {@code SLACK_APP_TOKEN} is set (no public URL needed). The
 * connection is opened in the background so a slow or failing Slack does not hold up startup; HTTP keeps working.
 * Bolt's client acks each envelope by {@code envelope_id} and, on Slack's {@code disconnect} message, opens a new
 * URL with {@code apps.connections.open} by itself.
 */
public class SocketModeConnector implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeConnector.class);

    private final SlackProperties properties;
    private final App app;
    private volatile SocketModeApp socketMode;
    private volatile boolean running;

    public SocketModeConnector(SlackProperties properties, App app) {
        this.properties = properties;
        this.app = app;
    }

    @Override
    public void start() {
        if (!properties.socketMode()) {
            return;
        }
        running = true;
        Thread.ofVirtual().name("gpuops-slack-socket-mode").start(this::connect);
    }

    private void connect() {
        try {
            // Java-WebSocket: Bolt's default Tyrus backend needs javax.websocket, which a Boot 4 classpath lacks
            SocketModeApp connection = new SocketModeApp(properties.appToken(), SocketModeClient.Backend.JavaWebSocket,
                    app);
            connection.startAsync();
            socketMode = connection;
            LOG.info("Connected to Slack over Socket Mode");
        } catch (Exception e) {
            LOG.error("Could not connect to Slack over Socket Mode ({}); check SLACK_APP_TOKEN (an xapp- token with "
                    + "connections:write). HTTP requests at /slack/events still work.", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        running = false;
        SocketModeApp connection = socketMode;
        socketMode = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception e) {
                LOG.warn("Closing the Socket Mode connection failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether a Socket Mode connection was opened. */
    public boolean connected() {
        return socketMode != null;
    }
}
