package org.ringorder.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/**
 * One JVM per strategy, one after another (mixing strategies in one JVM changes inlining): each
 * runs a main class of this process's own classpath whose last argument is the file it writes its
 * record to, under a hidden name in the results directory. Each child has a time limit: its
 * seconds plus a slack ({@code -Dringorder.child.slackSeconds}, 120 by default). Used by stress and kvm.
 */
final class StrategyJvms {
    /** What a child gets beyond its own seconds before it counts as hung. */
    static Duration slack() {
        return Duration.ofSeconds(Long.getLong("ringorder.child.slackSeconds", 120));
    }

    private StrategyJvms() {
    }

    /**
     * @param part     the part's name ({@code stress}, {@code kvm}): progress lines, errors and the hidden files
     * @param args     the main class's arguments for a strategy, before the output file
     * @param setting  what the progress line says after the strategy
     */
    static <T> List<T> run(String part, String mainClass, Class<T> record, Jvm jvm, String pin, List<String> names,
                           Function<String, List<String>> args, String setting, double seconds, Path dir, Consumer<String> say) {
        List<T> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            say.accept(String.format("ringorder: %s %d of %d: %s, %s", part, i + 1, names.size(), s, setting));
            Path file = dir.resolve("." + part + "-" + s + ".json.part");
            List<String> a = new ArrayList<>(args.apply(s));
            a.add(file.toString());
            try {
                ChildProcess.Result r = ChildProcess.of("the " + part + " run of " + s, jvm.mainOfThisClasspath(pin, List.of(), mainClass, a))
                        .limit(Emulation.stretch(Duration.ofMillis(Math.round(seconds * 1000)).plus(slack()))).capture().run();
                if (r.exitCode() != 0) {
                    throw new UserError("the " + part + " run of " + s + " failed: "
                            + (r.output().isEmpty() ? "status " + r.exitCode() : r.tail(3)));
                }
                all.add(Json.parse(Files.readString(file), record,
                        "the " + part + " record of " + s));
            } catch (IOException e) {
                throw new UserError("the " + part + " run of " + s + " wrote no record: " + e.getMessage());
            } finally {
                AtomicFiles.deleteQuietly(file);
            }
        }
        return all;
    }
}
