package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code benchmarks.jar} (plain JMH) in its own JVM, so the CLI's JVM never shares a
 * process with a measurement. Its output goes straight to the terminal: JMH prints its own
 * progress and ETA. Ctrl-C ends it and its forks.
 */
final class JmhProcess {
    private final Jvm jvm;
    private final Path jar;

    JmhProcess(Jvm jvm, Path jar) {
        this.jvm = jvm;
        this.jar = jar;
    }

    void run(List<String> jmhArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm.java.toString());
        cmd.addAll(jvm.hostOptions());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(jmhArgs);
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            throw new UserError("cannot start " + jvm.java + ": " + e.getMessage());
        }
        Thread reaper = new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        });
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new UserError("JMH exited with status " + rc + " (its output above says why); no results were written");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; no results were written");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already: it ends the child
            }
        }
    }
}
