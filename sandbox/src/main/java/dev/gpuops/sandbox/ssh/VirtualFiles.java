package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The host's files, in memory. Ownership is reduced to what the scenarios need: everything under /root belongs to
 * root and is off limits to other users (as with /root's mode 0700), so a root-only env file is really root-only.
 */
final class VirtualFiles {

    record Entry(byte[] content, int mode, String owner) {
    }

    private final Map<String, Entry> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();

    VirtualFiles() {
        dirs.add("/");
    }

    synchronized void mkdirs(String path) {
        String current = "";
        for (String part : normalize(path).substring(1).split("/")) {
            if (!part.isEmpty()) {
                current += "/" + part;
                dirs.add(current);
            }
        }
    }

    synchronized void write(String path, byte[] content, int mode, String owner) {
        String p = normalize(path);
        mkdirs(parent(p));
        Entry old = files.get(p);
        // like open(O_TRUNC): an existing file keeps its mode and owner
        files.put(p, old == null ? new Entry(content.clone(), mode, owner) : new Entry(content.clone(), old.mode, old.owner));
    }

    synchronized void append(String path, String text, String owner) {
        String p = normalize(path);
        Entry old = files.get(p);
        byte[] add = text.getBytes(StandardCharsets.UTF_8);
        if (old == null) {
            write(p, add, 0644, owner);
            return;
        }
        byte[] joined = new byte[old.content.length + add.length];
        System.arraycopy(old.content, 0, joined, 0, old.content.length);
        System.arraycopy(add, 0, joined, old.content.length, add.length);
        files.put(p, new Entry(joined, old.mode, old.owner));
    }

    synchronized Optional<Entry> file(String path) {
        return Optional.ofNullable(files.get(normalize(path)));
    }

    synchronized boolean isDir(String path) {
        return dirs.contains(normalize(path));
    }

    synchronized boolean exists(String path) {
        String p = normalize(path);
        return files.containsKey(p) || dirs.contains(p);
    }

    synchronized boolean chmod(String path, int mode) {
        String p = normalize(path);
        Entry e = files.get(p);
        if (e == null) {
            return dirs.contains(p);
        }
        files.put(p, new Entry(e.content, mode, e.owner));
        return true;
    }

    synchronized boolean remove(String path) {
        return files.remove(normalize(path)) != null;
    }

    /** Names directly inside {@code dir}, sorted. */
    synchronized TreeSet<String> list(String dir) {
        String prefix = normalize(dir).equals("/") ? "/" : normalize(dir) + "/";
        TreeSet<String> names = new TreeSet<>();
        files.keySet().stream().filter(f -> f.startsWith(prefix)).forEach(f -> names.add(firstPart(f, prefix)));
        dirs.stream().filter(d -> d.startsWith(prefix) && d.length() > prefix.length())
                .forEach(d -> names.add(firstPart(d, prefix)));
        return names;
    }

    static boolean allowed(String user, String path) {
        String p = normalize(path);
        return "root".equals(user) || !(p.equals("/root") || p.startsWith("/root/"));
    }

    static String normalize(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String firstPart(String path, String prefix) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
