package dev.gpuops.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping of events on the wire, shared by producers and consumers. */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static byte[] write(GpuopsEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String writeString(GpuopsEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /** @throws tools.jackson.core.JacksonException for a record that is not a known event */
    public static GpuopsEvent read(byte[] json) {
        return MAPPER.readValue(json, GpuopsEvent.class);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
