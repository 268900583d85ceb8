package org.ringorder.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.parts.Parts;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ringorder}: measure what memory ordering costs in the KVM dirty ring, and pick a strategy. */
@Command(name = "ringorder", mixinStandardHelpOptions = true, version = "ringorder 0.1.0",
        subcommands = {RunCommand.class, PlotCommand.class, CompareCommand.class, PickCommand.class, StressCommand.class, LitmusCommand.class,
                AsmCommand.class, KvmCommand.class, EmulateCommand.class,
                MicroCommand.class, CommandLine.HelpCommand.class},
        description = "What memory ordering costs in the KVM dirty ring, per strategy, on this machine.")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs one command line. Bad input is one line on stderr and exit status 2; a child process
     * that could not start or hung is one line naming it, and exit status 1.
     */
    static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("ringorder: " + ex.getMessage()
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
                c.getErr().println("ringorder: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof ChildProcess.Failure) {
                c.getErr().println("ringorder: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        cl.getSubcommands().get("run").getCommandSpec().usageMessage().footer(partsFooter());
        // emulate's options end at the command it runs: `emulate --arch x86_64 kvm --seconds 2` needs no --
        cl.getSubcommands().get("emulate").setStopAtPositional(true);
        return cl;
    }

    /** {@code run --help}'s list of the parts, from the parts themselves. */
    private static String[] partsFooter() {
        List<String> lines = new ArrayList<>(List.of("", "Parts (--only), in the order a run runs them:"));
        Parts.ALL.forEach(p -> lines.add(String.format(Locale.ROOT, "  %-10s %s", p.name(), p.summary())));
        return lines.toArray(String[]::new);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
