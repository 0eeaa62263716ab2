package dev.gpuops.sandbox.registry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /v2/<name>/tags/list?n=&last=}: sorted tags, paged with a {@code Link: <…>; rel="next"} header. */
final class TagPages {

    static final int MAX_PAGE = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TagPages() {
    }

    static RegistryReply page(RegistryStore store, String name, URI uri) {
        if (store.find(name).isEmpty()) {
            return RegistryReply.error(404, "NAME_UNKNOWN", "repository name not known to registry",
                    JSON.createObjectNode().put("name", name));
        }
        // like GHCR, a page never exceeds MAX_PAGE whatever n asks for, so clients must follow Link
        int n = Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(param(uri, "n", "100"))));
        String last = param(uri, "last", "");
        List<String> after = store.tags(name).stream().filter(t -> last.isEmpty() || t.compareTo(last) > 0).toList();
        List<String> page = after.subList(0, Math.min(n, after.size()));
        ObjectNode body = JSON.createObjectNode().put("name", name);
        page.forEach(body.putArray("tags")::add);
        RegistryReply reply = RegistryReply.json(200, JSON.writeValueAsString(body));
        if (after.size() > page.size()) {
            reply = reply.withHeader("Link", "</v2/" + name + "/tags/list?n=" + n + "&last=" + page.getLast()
                    + ">; rel=\"next\"");
        }
        return reply;
    }

    private static String param(URI uri, String name, String fallback) {
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }
}
