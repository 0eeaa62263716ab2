package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON result file. */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Report() {
    }

    static String json(Map<String, Object> run) {
        return JSON.writeValueAsString(run);
    }

    /** The commit measured (with "+dirty" when the tree has changes), or "unknown". */
    static String gitCommit(Path repo) {
        try {
            String head = exec(repo, "git", "rev-parse", "--short", "HEAD");
            String dirty = exec(repo, "git", "status", "--porcelain", "--untracked-files=no");
            return head.isBlank() ? "unknown" : head + (dirty.isBlank() ? "" : "+dirty");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String exec(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
