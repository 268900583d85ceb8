package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ringorder.results.UserError;

/**
 * Runs {@code benchmarks.jar} (plain JMH) in its own JVM, so the CLI's JVM never shares a
 * process with a measurement. Its output goes straight to the terminal: JMH prints its own
 * progress and ETA. Ctrl-C ends it and its forks.
 */
final class JmhProcess {
    private final Jvm jvm;
    private final Path jar;
    private final String cpus;

    /** @param cpus a CPU list for taskset (e.g. {@code 0-1}), or null: JMH and its forks inherit the affinity */
    JmhProcess(Jvm jvm, Path jar, String cpus) {
        this.jvm = jvm;
        this.jar = jar;
        this.cpus = cpus;
    }

    /** Refuses a CPU list this machine cannot pin to, with one line. */
    static String checkCpus(String cpus) {
        if (cpus == null) {
            return null;
        }
        if (!cpus.matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*")) {
            throw new UserError("--cpus " + cpus + " is not a CPU list: expected e.g. 0-1 or 0,2");
        }
        if (EnvProbe.command("taskset", "-c", cpus, "true") == null) {
            throw new UserError("--cpus " + cpus + " cannot be pinned here (taskset missing, or no such CPUs "
                    + "among the " + Runtime.getRuntime().availableProcessors() + " online): drop --cpus or fix the list");
        }
        return cpus;
    }

    /** Runs JMH with its output on the terminal. */
    void run(List<String> jmhArgs) {
        run(jmhArgs, null, null);
    }

    /**
     * Runs JMH with its whole output appended to {@code log}, passing on only its progress lines
     * (and anything that looks like a failure) to {@code progress}.
     */
    void run(List<String> jmhArgs, Path log, java.io.PrintWriter progress) {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(jvm.java.toString());
        cmd.addAll(jvm.hostOptions());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(jmhArgs);
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (log == null) {
                pb.inheritIO();
            } else {
                pb.redirectErrorStream(true);
            }
            p = pb.start();
        } catch (IOException e) {
            throw new UserError("cannot start " + jvm.java + ": " + e.getMessage());
        }
        Thread reaper = new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        });
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            if (log != null) {
                follow(p, log, progress);
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new UserError("JMH exited with status " + rc + " (" + (log == null ? "its output above" : log)
                        + " says why)");
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

    private static void follow(Process p, Path log, java.io.PrintWriter progress) {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
             var out = java.nio.file.Files.newBufferedWriter(log, java.nio.charset.StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                if (line.startsWith("# Run progress") || line.startsWith("<failure>") || line.contains("Exception")) {
                    progress.println("  " + line.replaceFirst("^# ", ""));
                    progress.flush();
                }
            }
        } catch (IOException e) {
            progress.println("ringorder: cannot write " + log + ": " + e.getMessage());
            progress.flush();
        }
    }
}
