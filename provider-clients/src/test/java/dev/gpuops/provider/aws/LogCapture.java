package dev.gpuops.provider.aws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line (all loggers, DEBUG and up) while open, to prove secrets never reach a log. Outside a
 * capture the SDK's DEBUG chatter is turned down so test output stays readable.
 */
public final class LogCapture implements AutoCloseable {

    private static final String[] CHATTY = {"software.amazon.awssdk", "org.apache.http", "io.netty"};

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous = root.getLevel();
    private final List<ch.qos.logback.core.Appender<ILoggingEvent>> muted = new java.util.ArrayList<>();

    private LogCapture() {
        // the console would echo every captured DEBUG line; mute it for the duration
        root.iteratorForAppenders().forEachRemaining(muted::add);
        muted.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        for (String name : CHATTY) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
        }
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Turns the SDK and HTTP libraries down to INFO. */
    public static void quietLibraries() {
        for (String name : CHATTY) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        }
    }

    /** Everything logged so far, formatted messages plus throwable text. */
    public String text() {
        return appender.list.stream().map(LogCapture::render).collect(Collectors.joining("\n"));
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        muted.forEach(root::addAppender);
        root.setLevel(previous);
        quietLibraries();
    }
}
