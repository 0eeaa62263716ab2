package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import net.schmizz.sshj.transport.TransportImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A pooled connection the host closes (sshd's idle timeout, a reboot) is reconnected on the next use, and the
 * whole episode logs at INFO: sshj's "Dying because" included, and with no stack trace.
 */
class DroppedConnectionIT {

    @Test
    void aConnectionTheHostClosedIsReconnectedQuietly(@TempDir Path dir) throws Exception {
        Logger transport = (Logger) LoggerFactory.getLogger(TransportImpl.class);
        Logger connector = (Logger) LoggerFactory.getLogger(SshConnector.class);
        Level transportLevel = transport.getLevel();
        Level connectorLevel = connector.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        transport.setLevel(Level.ALL);
        connector.setLevel(Level.ALL);
        try (SandboxHostFixture fixture = new SandboxHostFixture(dir)) {
            assertThat(fixture.session.exec("echo first").stdout()).contains("first");
            long opened = fixture.connector.connectionsOpened();

            fixture.host.dropConnections();
            for (int i = 0; i < 500 && events.list.stream().noneMatch(e -> e.getFormattedMessage()
                    .startsWith("Dying because")); i++) {
                Thread.sleep(10);
            }
            String again = fixture.connector.session(fixture.endpoint).exec("echo again").stdout();

            assertThat(again).contains("again");
            assertThat(fixture.connector.connectionsOpened()).isEqualTo(opened + 1);
            assertThat(events.list).anySatisfy(e -> {
                assertThat(e.getFormattedMessage()).startsWith("Dying because");
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getThrowableProxy()).isNull();
            });
            assertThat(events.list).anyMatch(e -> e.getLevel() == Level.INFO
                    && e.getFormattedMessage().contains("is dead; reconnecting"));
            assertThat(events.list).noneMatch(e -> e.getLevel() == Level.ERROR);
        } finally {
            root.detachAppender(events);
            transport.setLevel(transportLevel);
            connector.setLevel(connectorLevel);
        }
    }
}
