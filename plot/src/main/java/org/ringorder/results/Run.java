package org.ringorder.results;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run directory as {@code ringorder run} writes it: {@code env.json} (the machine, the JVM,
 * the profile, whether the run completed), {@code jmh.json} (JMH's own results), {@code
 * figures.csv}, {@code charts/} and {@code report.html}.
 */
public record Run(Path dir, JsonObject env, List<JmhResult> results) {
    /** The results-format version this ringorder writes; runs compare only with the same one. */
    public static final int FORMAT_VERSION = 1;

    public static final String ENV = "env.json";
    public static final String JMH = "jmh.json";
    public static final String FIGURES = "figures.csv";
    public static final String CHARTS = "charts";
    public static final String REPORT = "report.html";
    public static final String STRESS = "stress.json";
    /** The litmus part: jcstress's report and the summary, in a directory of their own. */
    public static final String LITMUS_DIR = "litmus";
    public static final String LITMUS = LITMUS_DIR + "/litmus.json";
    /** The asm part: per architecture, backend, strategy and ordering point, the instructions. */
    public static final String ASM = "asm.json";
    /** The kvm part: per strategy, the real dirty ring's rates, reset latency and checks. */
    public static final String KVM = "kvm.json";

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
        JsonObject env = readEnv(envFile);
        return new Run(dir, env, JmhResult.read(dir.resolve(JMH)));
    }

    private static JsonObject readEnv(Path file) {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(in);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (JsonParseException e) {
            throw new UserError(file + " is not complete JSON (truncated?)");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("formatVersion")
                || !root.getAsJsonObject().get("formatVersion").isJsonPrimitive()) {
            throw new UserError(file + " is not a ringorder env.json: it has no results-format version");
        }
        return root.getAsJsonObject();
    }

    /** The stress verdicts ({@code stress.json}: one object per strategy), or none when the run had no stress part. */
    public List<JsonObject> stress() {
        return objects(STRESS, "stress results");
    }

    /**
     * The litmus tests' summary ({@code litmus/litmus.json}: one object per jcstress test), or none
     * when the run had no litmus part.
     */
    public List<JsonObject> litmus() {
        return objects(LITMUS, "litmus results");
    }

    /** The asm part's rows ({@code asm.json}), or none when the run had no asm part. */
    public List<JsonObject> asm() {
        return objects(ASM, "asm results");
    }

    /** The kvm part's verdicts ({@code kvm.json}), or none when the run had no kvm part. */
    public List<JsonObject> kvm() {
        return objects(KVM, "kvm results");
    }

    private List<JsonObject> objects(String name, String what) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(f)) {
            JsonElement root = JsonParser.parseReader(in);
            if (!root.isJsonArray()) {
                throw new UserError(f + " is not ringorder " + what + ": expected a JSON array");
            }
            return root.getAsJsonArray().asList().stream().map(JsonElement::getAsJsonObject).toList();
        } catch (IOException e) {
            throw new UserError("cannot read " + f + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new UserError(f + " is not complete JSON (truncated?)");
        }
    }

    /** The KVM module serving /dev/kvm on the run's machine (e.g. kvm_intel, kvm_pvm), or "unknown". */
    public String kvmFlavour() {
        JsonElement k = env.get("kvm");
        return k != null && k.isJsonObject() && k.getAsJsonObject().has("flavour")
                ? k.getAsJsonObject().get("flavour").getAsString() : "unknown";
    }

    public int formatVersion() {
        return env.get("formatVersion").getAsInt();
    }

    public boolean completed() {
        return env.has("completed") && env.get("completed").getAsBoolean();
    }

    public String text(String key) {
        JsonElement e = env.get(key);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    public String arch() {
        return text("arch");
    }

    /** The benchmark JVM's release, e.g. {@code JDK 17}. */
    public String jdk() {
        JsonElement jvm = env.get("jvm");
        return jvm != null && jvm.isJsonObject() && jvm.getAsJsonObject().has("feature")
                ? "JDK " + jvm.getAsJsonObject().get("feature").getAsString() : "JDK ?";
    }

    /** A short label for charts and tables, e.g. {@code x86_64 Intel(R) Xeon(R) Processor, JDK 17}. */
    public String label() {
        return arch() + " " + text("cpu") + ", " + jdk() + (completed() ? "" : " (incomplete)");
    }

    /** Fails unless every run has the same results-format version. */
    public static void checkComparable(List<Run> runs) {
        int v = runs.get(0).formatVersion();
        for (Run r : runs) {
            if (r.formatVersion() != v) {
                throw new UserError("runs of different results-format versions cannot be compared: " + runs.get(0).dir()
                        + " has " + v + ", " + r.dir() + " has " + r.formatVersion()
                        + " (re-run the older one with this ringorder)");
            }
        }
    }
}
