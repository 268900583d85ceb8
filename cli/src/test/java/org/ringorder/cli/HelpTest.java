package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ringorder.parts.PartSpec;
import org.ringorder.parts.Parts;
import picocli.CommandLine;

/** Every command's --help renders cleanly: picocli reports a bad format string (a lone '%') on System.err, not as an error. */
class HelpTest {
    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
            assertTrue(commands.size() >= 9, commands.keySet().toString());
            for (String name : commands.keySet()) {
                CliTestSupport.Run r = CliTestSupport.run(name, "--help");
                assertEquals(0, r.status(), name + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: ringorder " + name) || r.out().contains("Usage: ringorder help"), name + ": " + r.out());
            }
        } finally {
            System.setErr(old);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertEquals("", warnings, "picocli warned while rendering help");
    }

    @Test
    void runsHelpListsEveryPartWithItsSummary() {
        String help = CliTestSupport.run("run", "--help").out();
        for (PartSpec p : Parts.ALL) {
            assertTrue(help.contains(p.name() + " ") && help.contains(p.summary()), "run --help lists " + p.name() + ": " + help);
        }
    }
}
