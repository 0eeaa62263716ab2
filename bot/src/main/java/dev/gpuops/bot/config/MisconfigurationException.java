package dev.gpuops.bot.config;

/** The configuration would open a door or cannot work; startup stops and says what to set. Never holds a secret. */
public class MisconfigurationException extends RuntimeException {

    public MisconfigurationException(String message) {
        super(message);
    }
}
