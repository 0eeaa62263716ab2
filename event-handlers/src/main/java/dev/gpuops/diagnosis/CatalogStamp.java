package dev.gpuops.diagnosis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Remembers that a catalog, byte for byte, passed the JSON Schema, so that a short-lived command ({@code gpuops
 * diagnose}) need not build the schema validator again for the same files: that costs more than everything else the
 * command does. The stamp is a SHA-256 over the schema and every pattern file (names and bytes); any edit changes
 * it, and the next load validates in full again and reports a broken file with file, line and field as always.
 * Only the schema check is skipped: the reader's own checks (regexes compile and are safe, cross-references) run on
 * every load. A stamp that cannot be read or written only means validating again.
 */
final class CatalogStamp {

    private CatalogStamp() {
    }

    /** The digest of the schema bytes and the pattern files, or null when one of them cannot be read. */
    static String digest(byte[] schema, List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(schema);
            for (Path file : files) {
                sha.update((file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                byte[] bytes = Files.readAllBytes(file);
                sha.update((bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** Whether {@code stamp} records exactly this digest as validated. */
    static boolean validated(Path stamp, String digest) {
        try {
            return digest != null && Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(digest);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records the digest as validated; written to a temporary file and moved, so a reader never sees half. */
    static void record(Path stamp, String digest) {
        try {
            Path dir = stamp.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".patterns", ".tmp");
            Files.writeString(temp, digest + "\n");
            Files.move(temp, stamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // not writable: the next run validates again, which is only slower
        }
    }
}
