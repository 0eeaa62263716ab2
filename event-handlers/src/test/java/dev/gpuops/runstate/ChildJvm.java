package dev.gpuops.runstate;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** A real, separate JVM running a main class of the test classpath, so a test can {@code kill -9} it. */
public final class ChildJvm {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Class<?> main, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
                "-cp", classpath(), main.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildJvm(process, log);
    }

    /** SIGKILL: no shutdown hook, no finally block, no last commit. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the graceful path. */
    public void terminate() {
        process.destroy();
    }

    public Process process() {
        return process;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The test classpath, also when Surefire/Failsafe hand the forked JVM a manifest-only booter jar. */
    static String classpath() throws IOException {
        String classpath = System.getProperty("java.class.path");
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar") && entries[0].contains("surefirebooter")) {
            try (JarFile jar = new JarFile(entries[0])) {
                String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                return Arrays.stream(manifest.trim().split("\\s+"))
                        .map(url -> Path.of(URI.create(url)).toString())
                        .collect(Collectors.joining(File.pathSeparator));
            }
        }
        return classpath;
    }
}
