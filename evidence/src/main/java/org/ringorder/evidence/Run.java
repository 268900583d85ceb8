package org.ringorder.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run directory as {@code ringorder run} writes it, read in one place: {@code env.json}, JMH's
 * own {@code jmh.json}, and each part's typed records ({@link ResultsFile}). Directories of every format
 * version this ringorder knows ({@link #READABLE}) load; fields an older version lacks read as null.
 */
public record Run(Path dir, EnvRecord env, List<JmhResult> results) {
    /**
     * The results-format version this ringorder writes. 2: paired results, noise and design in
     * env.json; 3: the comparisons decided sequentially, each one's looks in env.json's design.
     */
    public static final int FORMAT_VERSION = 3;
    /** The versions it reads: 1 (ringorder before the paired verdicts), 2 (Stein's two stages) and this one. */
    public static final List<Integer> READABLE = List.of(1, 2, 3);

    public static final String ENV = "env.json";
    public static final String JMH = "jmh.json";
    public static final String FIGURES = "figures.csv";
    public static final String CHARTS = "charts";
    public static final String REPORT = "report.html";
    /** The litmus part's own directory: jcstress's report beside the summary. */
    public static final String LITMUS_DIR = "litmus";

    /** A part's typed records: the file they live in and their type. */
    public record ResultsFile<T>(String file, Class<T> type, String what) {
    }

    public static final ResultsFile<StressRecord> STRESS = new ResultsFile<>("stress.json", StressRecord.class, "ringorder stress results");
    public static final ResultsFile<KvmRecord> KVM = new ResultsFile<>("kvm.json", KvmRecord.class, "ringorder kvm results");
    public static final ResultsFile<AsmRecord> ASM = new ResultsFile<>("asm.json", AsmRecord.class, "ringorder asm results");
    public static final ResultsFile<LitmusRecord> LITMUS = new ResultsFile<>(LITMUS_DIR + "/litmus.json", LitmusRecord.class,
            "ringorder litmus results");

    /** Loads a run directory, or fails with one line saying what is wrong with it. */
    public static Run load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("no run directory " + dir + " (give a directory written by ./ringorder run)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.findAny().isEmpty()) {
                throw new UserError(dir + " is empty: not a ringorder run directory (./ringorder run writes one)");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage());
        }
        Path envFile = dir.resolve(ENV);
        if (!Files.isRegularFile(envFile)) {
            throw new UserError(dir + " has no " + ENV + ": not a ringorder run directory (./ringorder run writes one)");
        }
        EnvRecord env = readEnv(envFile);
        return new Run(dir, env, JmhResult.read(dir.resolve(JMH)));
    }

    static EnvRecord readEnv(Path file) {
        var root = Json.readTree(file);
        if (!root.isJsonObject() || !root.getAsJsonObject().has("formatVersion")
                || !root.getAsJsonObject().get("formatVersion").isJsonPrimitive()) {
            throw new UserError(file + " is not a ringorder env.json: it has no results-format version");
        }
        int version = root.getAsJsonObject().get("formatVersion").getAsInt();
        if (!READABLE.contains(version)) {
            throw new UserError(file + " has results-format version " + version + ", which this ringorder cannot read "
                    + "(it reads " + READABLE + "): use the ringorder that wrote it, or a newer one");
        }
        try {
            return Json.map(root, EnvRecord.class);
        } catch (RuntimeException e) {
            throw new UserError(file + " is not a ringorder env.json: " + Json.firstLine(e.getMessage()));
        }
    }

    /** A part's records, or none when the run had no such part. */
    public <T> List<T> records(ResultsFile<T> part) {
        Path f = dir.resolve(part.file());
        return Files.isRegularFile(f) ? Json.readList(f, part.type(), part.what()) : List.of();
    }

    /** Whether the run has the part at all: evidence not gathered is "not run", never clean. */
    public boolean has(ResultsFile<?> part) {
        return Files.isRegularFile(dir.resolve(part.file()));
    }

    /** Writes a part's records into {@code dir}, whole or not at all. */
    public static <T> void write(Path dir, ResultsFile<T> part, List<T> records) {
        Json.write(dir.resolve(part.file()), records);
    }

    /** Writes env.json into {@code dir}, whole or not at all. */
    public static void writeEnv(Path dir, EnvRecord env) {
        Json.write(dir.resolve(ENV), env);
    }

    public List<StressRecord> stress() {
        return records(STRESS);
    }

    /**
     * The ring's rows of the run's first kvm setting and first process: one per strategy, as the
     * kvm table, the where-the-time-goes chart and pick read them. {@link #kvmAll} has every row.
     */
    public List<KvmRecord> kvm() {
        List<KvmRecord> all = kvmAll().stream().filter(KvmRecord::isRing).toList();
        if (all.isEmpty()) {
            return all;
        }
        String first = all.get(0).setting();
        return all.stream().filter(r -> r.setting().equals(first) && (r.repetition() == null || r.repetition() == 1)).toList();
    }

    /** Every kvm.json row: each mechanism, setting and process. */
    public List<KvmRecord> kvmAll() {
        return records(KVM);
    }

    public List<AsmRecord> asm() {
        return records(ASM);
    }

    /** The asm part's instructions checked against what they must order ({@link EmittedOrder}). */
    public EmittedOrder emittedOrder() {
        return EmittedOrder.of(asm());
    }

    public List<LitmusRecord> litmus() {
        return records(LITMUS);
    }

    /** The KVM module serving /dev/kvm on the run's machine (e.g. kvm_intel, kvm_pvm), or "unknown". */
    public String kvmFlavour() {
        return env.kvm() != null && env.kvm().flavour() != null ? env.kvm().flavour() : "unknown";
    }

    public int formatVersion() {
        return env.formatVersion();
    }

    public boolean completed() {
        return env.completed();
    }

    public String arch() {
        return env.arch() == null ? "" : env.arch();
    }

    /** Where the run's timings came from when they are not the machine's own (an emulator), else null. */
    public String emulated() {
        return env.emulated();
    }

    /** The benchmark JVM's release, e.g. {@code JDK 17}. */
    public String jdk() {
        return env.jvm() != null && env.jvm().feature() > 0 ? "JDK " + env.jvm().feature() : "JDK ?";
    }

    /** A short label for charts and tables, e.g. {@code x86_64 Intel(R) Xeon(R) Processor, JDK 17}. */
    public String label() {
        return arch() + " " + (env.cpu() == null ? "" : env.cpu()) + ", " + jdk() + (completed() ? "" : " (incomplete)")
                + (emulated() != null ? " (emulated)" : "");
    }

    /** Fails unless every run's results-format version is one this ringorder reads (loading checked it already). */
    public static void checkComparable(List<Run> runs) {
        for (Run r : runs) {
            if (!READABLE.contains(r.formatVersion())) {
                throw new UserError(r.dir() + " has results-format version " + r.formatVersion() + ", which this ringorder "
                        + "cannot compare (it reads " + READABLE + ")");
            }
        }
    }
}
