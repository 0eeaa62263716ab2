package dev.gpuops.target;

/**
 * One thing wrong with a configuration file, located precisely enough to fix it without guessing.
 *
 * @param file  the file name as the operator knows it ({@code targets.yaml})
 * @param line  1-based line, or 0 when the problem is about the file as a whole
 * @param field dotted path of the offending field ({@code targets.box-1.ssh.port}), or empty
 */
public record ConfigProblem(String file, int line, String field, String message) {

    public ConfigProblem {
        field = field == null ? "" : field;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}
