package org.ringorder.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.Home;
import org.ringorder.parts.LitmusSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringorder litmus}: the litmus part ({@link LitmusSpec}) at the user's mode and shapes, or the list of its tests. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        description = {"Runs the jcstress litmus tests (one per shape and strategy) and says, per test, how often the bad "
                + "outcome was seen and whether its expectation held.",
                "Writes litmus/ (litmus.json and jcstress's report) into --out (default: a new results/litmus-<time>/). "
                        + "Exit status 1 when a forbidden outcome was seen."})
final class LitmusCommand extends PartCommand {
    @Option(names = "--mode", paramLabel = "NAME",
            description = "jcstress preset: sanity (a minute or two: does it run), quick (3 iterations of 100 ms per "
                    + "configuration: about 26 minutes on 2 cores for every shape; the default), default, tough, stress (hours).")
    String mode = "quick";

    @Option(names = "--shape", split = ",", paramLabel = "ID", description = "Shapes to run (default: all), e.g. chain,"
            + "harvest-reuse: see --list.")
    List<String> shapes;

    @Option(names = "--list", description = "Print every test (shape, strategy, roles, form, actors, bad outcome, "
            + "jcstress name) of the chosen strategies, and run nothing.")
    boolean list;

    @Override
    public Integer call() {
        List<String> names = which.names();
        if (list) {
            (shapes == null ? List.<String>of() : shapes).forEach(LitmusSpec.Settings::checkShape);
            return list(which.where.jvm(), names, shapes == null ? List.of() : shapes);
        }
        LitmusSpec.Settings settings = new LitmusSpec.Settings(mode, shapes == null ? List.of() : shapes, false);
        LitmusSpec part = new LitmusSpec();
        try (ResultsDirectory dir = which.directory("litmus")) {
            List<LitmusRecord> tests = part.run(settings, names, context(dir.path));
            List<String> lines = new ArrayList<>(part.lines(settings, tests));
            lines.add("jcstress report: " + dir.path.resolve(Run.LITMUS_DIR).resolve("report/index.html"));
            print(lines, dir.path.resolve(Run.LITMUS.file()));
            return tests.stream().anyMatch(LitmusRecord::broken) ? 1 : 0;
        }
    }

    /** {@code litmus.jar list}: no results are written. */
    private int list(Jvm jvm, List<String> names, List<String> shapeIds) {
        List<String> cmd = jvm.command(null, List.of(), List.of("-jar", Home.litmusJar().toString(), "list",
                LitmusSpec.filter(names, shapeIds)));
        ChildProcess.Result r = ChildProcess.of("the litmus list", cmd).capture().limit(Duration.ofMinutes(2)).run();
        if (r.exitCode() != 0) {
            throw new UserError("listing the litmus tests failed with status " + r.exitCode() + ": " + r.tail(3));
        }
        PrintWriter o = spec.commandLine().getOut();
        r.output().forEach(o::println);
        o.flush();
        return 0;
    }

}
