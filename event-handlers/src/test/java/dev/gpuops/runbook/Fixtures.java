package dev.gpuops.runbook;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources by name: runbook directories under /runbooks, targets files under /targets. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path runbooks(String dir) {
        return resource("/runbooks/" + dir);
    }

    public static Path targets(String file) {
        return resource("/targets/" + file);
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
