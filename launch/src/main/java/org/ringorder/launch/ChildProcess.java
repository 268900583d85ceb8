package org.ringorder.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Every process ringorder starts goes through here: benchmark and stress JVMs, jcstress, the asm
 * JVMs and objdump, the environment probes, QEMU. One place drains the child's output while it
 * runs (into a log, a line consumer, memory, or straight to the terminal), so a time limit really
 * fires; on the limit, or on Ctrl-C, the child and everything it started are killed, the list of
 * descendants taken before the parent dies (orphans are re-parented and escape
 * {@link ProcessHandle#descendants()} once it has).
 */
public final class ChildProcess {
    /** How long a child gets to end after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** The children running now, for {@link #killAll()}. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    /** A child that could not be started, ran past its limit, or was interrupted: one line saying which and why. */
    public static final class Failure extends RuntimeException {
        /** What went wrong. */
        public enum Kind {
            CANNOT_START, HUNG, INTERRUPTED
        }

        private final Kind kind;

        public Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** How the child ended: its exit status, its output (when captured) and how long it ran. */
    public record Result(int exitCode, List<String> output, Duration took) {
        /** The last {@code n} lines of the captured output, joined: what a one-line error quotes. */
        public String tail(int n) {
            return String.join(" ", output.subList(Math.max(0, output.size() - n), output.size())).strip();
        }
    }

    private final List<String> command;
    private final String name;
    private Duration limit = Duration.ofHours(24);
    private Path directory;
    private Path log;
    private Consumer<String> lines;
    private boolean capture;
    private boolean terminal;
    private Consumer<ProcessHandle> started;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private ChildProcess(String name, List<String> command) {
        this.name = name;
        this.command = List.copyOf(command);
    }

    /** A child to start: {@code name} says what it is in an error line, e.g. "the stress run of plain". */
    public static ChildProcess of(String name, List<String> command) {
        return new ChildProcess(name, command);
    }

    /** The time limit: past it the whole tree is killed and {@link #run} throws a {@link Failure} naming {@code name}. */
    public ChildProcess limit(Duration limit) {
        this.limit = limit;
        return this;
    }

    public ChildProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    public ChildProcess environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Appends every line of output (stdout and stderr together) to this file. */
    public ChildProcess log(Path log) {
        this.log = log;
        return this;
    }

    /** Hands every line of output to {@code lines} as it arrives (a progress parser). */
    public ChildProcess lines(Consumer<String> lines) {
        this.lines = lines;
        return this;
    }

    /** Keeps the output in {@link Result#output()}. */
    public ChildProcess capture() {
        this.capture = true;
        return this;
    }

    /** The child writes to this process's own terminal (stdout and stderr inherited); nothing is drained here. */
    public ChildProcess terminal() {
        this.terminal = true;
        return this;
    }

    /** Hears the child's handle once it started (a caller that must signal it, e.g. a test sending SIGINT). */
    public ChildProcess started(Consumer<ProcessHandle> started) {
        this.started = started;
        return this;
    }

    /** The command line, for messages and tests. */
    public List<String> command() {
        return command;
    }

    /**
     * Starts the child and waits for it, up to the limit. Returns however it exited; throws a
     * {@link Failure} when it cannot start, runs past the limit (after killing it and its
     * descendants), or this thread is interrupted (likewise).
     */
    public Result run() {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().putAll(environment);
        if (terminal) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true);
        }
        long start = System.nanoTime();
        AtomicReference<Process> child = new AtomicReference<>();
        Thread onExit = new Thread(() -> {
            Process c = child.get();
            if (c != null) {
                killTree(c);
            }
        }, "kill " + name);
        try {
            Runtime.getRuntime().addShutdownHook(onExit); // before the start: a child started during shutdown would outlive us
        } catch (IllegalStateException shuttingDown) {
            throw new Failure(Failure.Kind.INTERRUPTED, name + " was not started: this process is shutting down");
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            removeHook(onExit);
            throw new Failure(Failure.Kind.CANNOT_START, "cannot start " + command.get(0) + " for " + name + ": " + e.getMessage());
        }
        child.set(p);
        LIVE.add(p);
        if (started != null) {
            started.accept(p.toHandle());
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread drain = terminal ? null : drain(p, output);
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                Duration ran = Duration.ofNanos(System.nanoTime() - start);
                killTree(p);
                throw new Failure(Failure.Kind.HUNG, name + " hung: killed after " + seconds(ran) + " (its limit)"
                        + (log != null ? "; its output is in " + log : ""));
            }
            if (drain != null) {
                drain.join(GRACE.toMillis()); // the rest of the output, after the child exited
            }
            return new Result(p.exitValue(), List.copyOf(output), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.INTERRUPTED, name + " was interrupted: killed");
        } finally {
            LIVE.remove(p);
            removeHook(onExit);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already: it kills the tree
        }
    }

    /**
     * Kills every child still running, and their descendants, and waits for them (at most
     * {@link #GRACE} each): what an interrupted caller does before it tidies their output, so that
     * no dying child writes into a directory already finished.
     */
    public static void killAll() {
        for (Process p : List.copyOf(LIVE)) {
            killTree(p);
        }
    }

    /** Reads the child's output on a thread of its own, so the child never blocks on a full pipe. */
    private Thread drain(Process p, List<String> output) {
        Thread t = new Thread(() -> {
            Writer out = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                if (log != null) {
                    out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                String line;
                while ((line = in.readLine()) != null) {
                    if (out != null) {
                        out.write(line);
                        out.write('\n');
                        out.flush();
                    }
                    if (capture) {
                        output.add(line);
                    }
                    if (lines != null) {
                        lines.accept(line);
                    }
                }
            } catch (IOException e) {
                if (capture) {
                    output.add("(output lost: " + e.getMessage() + ")");
                }
            } finally {
                if (out != null) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // the log is best effort once the child is gone
                    }
                }
            }
        }, "output of " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * SIGTERM to the child and every descendant it has now, then SIGKILL to whatever is still alive
     * after {@link #GRACE}. The descendants are listed first: once the parent dies they are
     * re-parented to init and no longer its descendants.
     */
    static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(p.toHandle());
        p.toHandle().descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception stillAlive) {
                    // killed below
                }
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** E.g. {@code 2 min 3 s}, or {@code 3.4 s}. */
    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
