package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
import org.ringorder.parts.Home;

/**
 * Where a command writes its results: {@code --out} (an existing directory, never removed) or a
 * new {@code results/<command>-<time>/}, which {@link #close} removes again when the command
 * wrote nothing into it (it failed first): a failed command leaves no empty directory behind.
 */
final class ResultsDirectory implements AutoCloseable {
    final Path path;
    private final boolean made;

    private ResultsDirectory(Path path, boolean made) {
        this.path = path;
        this.made = made;
    }

    /** {@code out} when given and writable, else a new directory for {@code command} under results/. */
    static ResultsDirectory of(Path out, String command) {
        if (out != null) {
            return new ResultsDirectory(AtomicFiles.writableDirectory(out, "--out"), false);
        }
        Path d = Home.results().resolve(command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(d)) {
            throw new UserError(d + " already exists: wait a second and run again (earlier results are never overwritten)");
        }
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UserError("cannot create " + d + ": " + e.getMessage());
        }
        return new ResultsDirectory(d, true);
    }

    /** Refuses to write {@code file} over an earlier result. */
    Path fresh(String file) {
        Path f = path.resolve(file);
        if (Files.exists(f)) {
            throw new UserError(f + " already exists: choose another --out (earlier results are never overwritten)");
        }
        return f;
    }

    /** Removes the directory this made if it holds no result (hidden leftovers of a failed child are not results). */
    @Override
    public void close() {
        if (!made) {
            return;
        }
        try (var entries = Files.list(path)) {
            if (entries.allMatch(p -> p.getFileName().toString().startsWith("."))) {
                AtomicFiles.deleteQuietly(path);
            }
        } catch (IOException e) {
            // unreadable: left for the user, who sees the error that ended the command
        }
    }
}
