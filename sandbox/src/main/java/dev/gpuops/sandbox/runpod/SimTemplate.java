package dev.gpuops.sandbox.runpod;

import java.util.LinkedHashMap;
import java.util.Map;

/** A serverless template: image and environment every worker of its endpoints starts from. */
final class SimTemplate {

    static final int DEFAULT_INIT_TIMEOUT_SECONDS = 420;

    final String id;
    String name;
    String imageName;
    int containerDiskInGb = 20;
    int volumeInGb;
    String dockerArgs = "";
    boolean isServerless = true;
    Map<String, String> env = new LinkedHashMap<>();

    SimTemplate(String id, String name, String imageName) {
        this.id = id;
        this.name = name;
        this.imageName = imageName;
    }

    /** RunPod reads RUNPOD_INIT_TIMEOUT (seconds) from the environment; 7 minutes when absent or unparsable. */
    int initTimeoutSeconds() {
        String raw = env.get("RUNPOD_INIT_TIMEOUT");
        if (raw == null) {
            return DEFAULT_INIT_TIMEOUT_SECONDS;
        }
        try {
            int parsed = Integer.parseInt(raw.trim());
            return parsed > 0 ? parsed : DEFAULT_INIT_TIMEOUT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_INIT_TIMEOUT_SECONDS;
        }
    }

    /** The tag of the image, which seed 003's handler reports as its version in ping replies. */
    static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "latest";
    }
}
