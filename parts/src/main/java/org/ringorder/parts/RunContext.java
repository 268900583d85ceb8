package org.ringorder.parts;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ringorder.launch.Jvm;

/**
 * What every part of one run shares: the JVM and pinning its children use, the directory it
 * writes into (the run's hidden work directory), JMH's log, the progress display, the JMH files
 * finished so far (merged into jmh.json at the end), and the decision's design.
 */
public final class RunContext {
    public final Jvm jvm;
    public final String pin;
    public final Path work;
    final Path log;
    public final Progress progress;
    final Decision decision;
    private final List<Path> jmhFiles = Collections.synchronizedList(new ArrayList<>());
    private volatile int partsDone;
    private volatile int parts;

    public RunContext(Jvm jvm, String pin, Path work, Path log, Progress progress, Decision decision) {
        this.jvm = jvm;
        this.pin = pin;
        this.work = work;
        this.log = log;
        this.progress = progress;
        this.decision = decision;
    }

    /** A command's context: its progress lines on {@code err}, no JMH log, no decision. */
    public static RunContext forCommand(Jvm jvm, String pin, Path dir, PrintWriter err) {
        return new RunContext(jvm, pin, dir, null, new Progress(err, false), null);
    }

    /** A finished JMH file: it goes into jmh.json, even if a later part fails. */
    void finished(Path jmhFile) {
        jmhFiles.add(jmhFile);
    }

    /** The loop's count: a part finished of {@code of}. */
    void partDone(int done, int of) {
        partsDone = done;
        parts = of;
    }

    public int partsDone() {
        return partsDone;
    }

    /** E.g. {@code 3 of 9 parts}. */
    public String partsWords() {
        return partsDone + " of " + parts + " parts";
    }

    public List<Path> jmhFiles() {
        synchronized (jmhFiles) {
            return List.copyOf(jmhFiles);
        }
    }
}
