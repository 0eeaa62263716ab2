package dev.gpuops.runbook.action;

import java.util.Optional;

/**
 * Secret values (HF_TOKEN, registry passwords) looked up by name at run time from the bot's environment. Actions
 * inject them without ever printing them; implementations register each value with the redactor.
 */
@FunctionalInterface
public interface SecretSource {

    Optional<String> get(String name);
}
