package org.ringorder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.results.AtomicFiles;
import org.ringorder.results.UserError;
import org.ringorder.strategy.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringorder stress}: does a strategy lose or corrupt dirty pages? Each strategy in a JVM of its own. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Runs the real concurrent protocol with verifiable pages and counts stale payloads, short resets "
                + "and lost pages, per strategy, each in its own JVM.",
                "Writes stress.json into --out (default: a new results/stress-<time>/) and prints one verdict line per strategy."})
final class StressCommand implements Callable<Integer> {
    static final String FILE = "stress.json";

    @Spec
    CommandSpec spec;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Option(names = "--roles", paramLabel = "NAME", description = "all (default) or userspace.")
    String roles = "all";

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per strategy (default 10).")
    double seconds = 10;

    @Option(names = "--vcpus", paramLabel = "K", description = "vCPU threads (default 1).")
    int vcpus = 1;

    @Mixin
    JvmOptions where = new JvmOptions();

    @Override
    public Integer call() {
        List<String> names = which.names();
        Roles.byName(roles);
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
        if (vcpus < 1 || vcpus > 1024) {
            throw new UserError("--vcpus " + vcpus + " is out of range: expected 1..1024");
        }
        Jvm jvm = where.jvm();
        String pin = where.pin();
        Path dir = which.directory("stress");
        if (Files.exists(dir.resolve(FILE))) {
            throw new UserError(dir.resolve(FILE) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        JsonArray results = run(jvm, pin, names, roles, seconds, vcpus, dir, spec.commandLine().getErr());
        AtomicFiles.writeString(dir.resolve(FILE), results.toString());
        PrintWriter o = spec.commandLine().getOut();
        for (var e : results) {
            o.println(verdict(e.getAsJsonObject()));
        }
        o.println("results: " + dir.resolve(FILE));
        o.flush();
        return 0;
    }

    /** One JVM per strategy, one after another; returns their JSON objects. */
    static JsonArray run(Jvm jvm, String pin, List<String> names, String roles, double seconds, int vcpus, Path dir,
                         PrintWriter err) {
        return StrategyJvms.run("stress", "org.ringorder.stress.StressMain", jvm, pin, names,
                s -> List.of(s, roles, String.valueOf(seconds), String.valueOf(vcpus)),
                String.format("roles %s, %s s, %d vCPU(s)", roles, seconds, vcpus), seconds, dir, err);
    }

    /** E.g. {@code acquire-load: no violation in 3412877 entries checked (10.0 s)}. */
    static String verdict(JsonObject r) {
        long v = r.get("violations").getAsLong();
        String what = v == 0 ? "no violation" : String.format("%d violations (stale payloads %d, short resets %d, "
                        + "overwrites %d, lost pages %d)", v, r.get("stalePayloads").getAsLong(), r.get("shortResets").getAsLong(),
                r.get("overwrites").getAsLong(), r.get("lostPages").getAsLong());
        return String.format("%s: %s in %d entries checked (%.1f s, roles %s, %d vCPU)", r.get("strategy").getAsString(),
                what, r.get("entriesChecked").getAsLong(), r.get("millis").getAsLong() / 1000.0, r.get("roles").getAsString(),
                r.get("vcpus").getAsInt());
    }
}
