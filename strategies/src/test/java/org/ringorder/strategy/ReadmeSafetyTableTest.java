package org.ringorder.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's safety table says what the one table ({@link Safety}) says, cell by cell, for the
 * suite's own strategies: a strategy a user adds has its rows in {@link Safety}, not in the README.
 */
class ReadmeSafetyTableTest {
    @Test
    void theReadmeTableAgreesWithSafety() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- safety-table -->"), readme.indexOf("<!-- end safety-table -->"));
        List<String> rows = table.lines().filter(l -> l.startsWith("| `")).toList();
        assertEquals(2 * StrategiesTest.SHIPPED.size() + 1, rows.size(), table);
        List<String> header = cells(table.lines().filter(l -> l.startsWith("| strategy")).findFirst().orElseThrow());
        assertEquals(List.of(Safety.Shape.values()).stream().map(Safety.Shape::id).toList(), header.subList(1, header.size()));
        int checked = 0;
        for (String row : rows) {
            List<String> c = cells(row);
            String label = c.get(0);
            String who = label.substring(1, label.indexOf('`', 1));
            boolean kernelModel = who.equals(LinuxKernel.NAME);
            Roles roles = label.contains("over Linux") || kernelModel ? Roles.USERSPACE : Roles.ALL;
            for (Safety.Shape shape : Safety.Shape.values()) {
                String word = c.get(1 + shape.ordinal());
                boolean kernelsAlone = shape.kernelsAlone(roles);
                if (kernelModel != kernelsAlone) {
                    assertEquals(kernelModel ? "" : "kernel's", word, label + " " + shape.id());
                    continue;
                }
                Safety.Expectation e = Safety.expect(who, roles, shape);
                String expected = !e.forbidden() ? "allowed" : switch (e.basis()) {
                    case JLS_HAPPENS_BEFORE -> "JLS";
                    case VARHANDLE -> "VarHandle";
                    case HOTSPOT -> "HotSpot";
                    case NONE -> "allowed";
                };
                assertEquals(expected, word, label + " " + shape.id() + ": " + e.reason());
                checked++;
            }
        }
        assertTrue(checked >= 12 * 5 + 2, "cells checked: " + checked);
    }

    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        for (String c : row.strip().split("\\|", -1)) {
            out.add(c.strip());
        }
        return out.subList(1, out.size() - 1);
    }
}
