package org.ringorder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
final class CliTestSupport {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Runs with {@code ringorder.home} pointing at {@code home}, then restores it. */
    static Run runIn(Path home, String... args) {
        String old = System.getProperty("ringorder.home");
        System.setProperty("ringorder.home", home.toString());
        try {
            return run(args);
        } finally {
            if (old == null) {
                System.clearProperty("ringorder.home");
            } else {
                System.setProperty("ringorder.home", old);
            }
        }
    }

    private CliTestSupport() {
    }
}
