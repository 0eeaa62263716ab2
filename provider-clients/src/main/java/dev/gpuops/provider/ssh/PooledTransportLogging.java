package dev.gpuops.provider.ssh;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.transport.TransportImpl;
import org.slf4j.Logger;

/**
 * sshj's loggers, except that a pooled connection's transport dying is reported at INFO, without a stack trace.
 * sshj logs "Dying because - Broken transport; encountered EOF" at ERROR whenever the other end closes the
 * connection, which for a pooled connection is routine: a host closed it while idle, a VM rebooted or was replaced,
 * the demo's simulators stopped. {@link SshConnector} reconnects on the next use (logged at INFO), and a host that
 * really cannot be reached fails that use, so the run's thread says so; an ERROR with a trace here would only alarm.
 */
final class PooledTransportLogging implements LoggerFactory {

    @Override
    public Logger getLogger(String name) {
        Logger logger = DEFAULT.getLogger(name);
        return TransportImpl.class.getName().equals(name) ? errorsAsInfo(logger) : logger;
    }

    @Override
    public Logger getLogger(Class<?> type) {
        return getLogger(type.getName());
    }

    /** error(…) calls go to info(…); a trailing throwable is dropped, its message is already in the text. */
    static Logger errorsAsInfo(Logger logger) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    try {
                        return switch (method.getName()) {
                            case "isErrorEnabled" -> args == null ? logger.isInfoEnabled()
                                    : method.invoke(logger, args);
                            case "error" -> asInfo(logger, args);
                            default -> method.invoke(logger, args);
                        };
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object asInfo(Logger logger, Object[] args) {
        if (args == null || args.length == 0 || !(args[0] instanceof String format)) {
            logger.info("{}", args == null ? "" : Arrays.toString(args));
            return null;
        }
        Object[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (rest.length == 1 && rest[0] instanceof Object[] varargs) {
            rest = varargs;
        }
        if (rest.length > 0 && rest[rest.length - 1] instanceof Throwable) {
            rest = Arrays.copyOf(rest, rest.length - 1);
        }
        logger.info(format, rest);
        return null;
    }
}
