package dev.gpuops.runbook;

/**
 * One declared input ({@code inputs.program}). Values arrive as text from the command's arguments.
 *
 * @param defaultValue used when the command gives none; null means no default
 */
public record RunbookInput(String name, String description, boolean required, String defaultValue) {
}
