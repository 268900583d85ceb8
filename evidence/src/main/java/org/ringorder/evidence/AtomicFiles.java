package org.ringorder.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole-or-nothing writes: a temporary name beside the target, then a rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
            Files.write(tmp, bytes);
            readable(tmp);
            move(tmp, target);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** rw-r--r-- (rwxr-xr-x for a directory): temporary files start private, results are for sharing. */
    public static void readable(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    /** Renames, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary is hidden and harmless
        }
    }

    /** Refuses a directory that does not exist or cannot be written, with one line naming it. */
    public static Path writableDirectory(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs) || !Files.isWritable(abs)) {
            throw new UserError("cannot write to " + abs + ": it is not a writable directory (choose another " + option + ")");
        }
        return abs;
    }
}
