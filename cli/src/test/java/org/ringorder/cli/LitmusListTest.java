package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code ringorder litmus --list}: every test by shape, strategy, roles and form, run by nothing. */
class LitmusListTest {
    @Test
    void theListNamesEveryShapeAndRunsNothing() {
        CliTestSupport.Run r = CliTestSupport.run("litmus", "--list");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        Set<String> shapes = rows.stream().map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("push-harvest", "harvest-reuse", "reset-reuse", "late-invalidate", "chain", "short-reset",
                "plain-doorbell"), shapes);
        assertEquals(6 * (9 + 5) + 2, rows.size(), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("reset-reuse\\s+linux\\s+userspace\\s.*org\\.ringorder\\.litmus\\.ResetReuse\\.Linux")),
                r.out());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("push-harvest") && l.contains("a batch of two")), r.out());
    }

    @Test
    void theListFollowsTheStrategies() {
        CliTestSupport.Run r = CliTestSupport.run("litmus", "--list", "--strategy", "acquire-load");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        assertEquals(9 + 5 + 2, rows.size(), r.out());
        assertTrue(rows.stream().allMatch(l -> l.contains(" acquire-load ") || l.contains(" linux ")), r.out());
    }

    @Test
    void theListFollowsTheShapes() {
        CliTestSupport.Run r = CliTestSupport.run("litmus", "--list", "--shape", "chain,push-harvest");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        assertEquals(6 * 2 + 6 * 4, rows.size(), r.out());
        assertTrue(rows.stream().allMatch(l -> l.startsWith("chain ") || l.startsWith("push-harvest ")), r.out());
    }

    @Test
    void anUnknownShapeIsOneLineAndStatus2() {
        CliTestSupport.Run r = CliTestSupport.run("litmus", "--list", "--shape", "tear");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ringorder: unknown --shape 'tear': expected one of push-harvest, "), r.err());
    }
}
