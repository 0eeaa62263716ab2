package dev.gpuops.bot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables gpuops reads, derived from where they are defined rather than copied: the placeholders
 * in application.yaml (every gpuops variable is bound there), the README's configuration section (variables read by
 * libraries, such as the AWS credential chain), and Spring Boot's own configuration metadata (relaxed binding:
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} → {@code logging.structured.format.console}).
 */
final class AppEnvironment {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]");
    private static final Pattern DOCUMENTED = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`");

    private final Set<String> names = new HashSet<>();
    private final Set<String> springProperties = new HashSet<>();

    AppEnvironment() {
        collect(PLACEHOLDER, read(resource("application.yaml")));
        collect(DOCUMENTED, configurationSection(readme()));
        loadSpringMetadata();
    }

    Set<String> declaredNames() {
        return Collections.unmodifiableSet(names);
    }

    /** Whether gpuops, or Spring Boot on its behalf, reads this variable. */
    boolean reads(String name) {
        if (names.contains(name)) {
            return true;
        }
        String relaxed = name.toLowerCase(Locale.ROOT).replace('_', '.');
        return springProperties.contains(relaxed);
    }

    private void collect(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    private void loadSpringMetadata() {
        ObjectMapper mapper = new ObjectMapper();
        try {
            for (URL url : Collections.list(getClass().getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : mapper.readTree(in).path("properties")) {
                        springProperties.add(property.path("name").asText().replace("-", ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (springProperties.size() < 100) {
            throw new IllegalStateException("Spring Boot's configuration metadata was not found on the classpath");
        }
    }

    private static String configurationSection(String readme) {
        int start = readme.indexOf("## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        if (start < 0) {
            throw new IllegalStateException("README.md has no '## Configuration' section");
        }
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String readme() {
        for (Path candidate : new Path[] {Path.of("README.md"), Path.of("..", "README.md")}) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("README.md not found");
    }

    private static InputStream resource(String name) {
        InputStream in = AppEnvironment.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
