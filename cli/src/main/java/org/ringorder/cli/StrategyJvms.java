package org.ringorder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.ringorder.results.UserError;

/**
 * One JVM per strategy, one after another (mixing strategies in one JVM changes inlining): each
 * runs a main class of benchmarks.jar whose last argument is the file it writes its one JSON
 * object to, under a hidden name in the results directory. Used by stress and kvm.
 */
final class StrategyJvms {
    private StrategyJvms() {
    }

    /**
     * @param part     the part's name ({@code stress}, {@code kvm}): progress lines, errors and the hidden files
     * @param args     the main class's arguments for a strategy, before the output file
     * @param setting  what the progress line says after the strategy
     */
    static JsonArray run(String part, String mainClass, Jvm jvm, String pin, List<String> names,
                         Function<String, List<String>> args, String setting, double seconds, Path dir, PrintWriter err) {
        JsonArray all = new JsonArray();
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            err.printf("ringorder: %s %d of %d: %s, %s%n", part, i + 1, names.size(), s, setting);
            err.flush();
            Path file = dir.resolve("." + part + "-" + s + ".json.part");
            List<String> cmd = new ArrayList<>();
            if (pin != null) {
                cmd.addAll(List.of("taskset", "-c", pin));
            }
            cmd.add(jvm.java.toString());
            cmd.addAll(jvm.hostOptions());
            cmd.addAll(List.of("-cp", Home.benchmarksJar().toString(), mainClass));
            cmd.addAll(args.apply(s));
            cmd.add(file.toString());
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes()).strip();
                if (!p.waitFor((long) (seconds * 1000) + 120_000, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new UserError("the " + part + " run of " + s + " did not end: killed after " + seconds + " s + 2 min");
                }
                if (p.exitValue() != 0) {
                    throw new UserError("the " + part + " run of " + s + " failed: "
                            + (said.isEmpty() ? "status " + p.exitValue() : said));
                }
                all.add(JsonParser.parseString(Files.readString(file)).getAsJsonObject());
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UserError("cannot run the " + part + " JVM for " + s + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            }
        }
        return all;
    }
}
