package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asm part as a table: a row per (strategy, ordering point) in protocol order, a column per
 * (architecture, backend, and for C2 the JDK and setting), each cell the point's ordering instructions ("-": none). The screen
 * table of {@code ringorder asm} and the report's section are both this.
 */
public record AsmTable(List<String> columns, Map<Row, Map<String, String>> rows) {
    /** One strategy's ordering point. */
    public record Row(String strategy, String point) {
    }

    public static AsmTable of(List<AsmRecord> asm) {
        List<String> columns = new ArrayList<>();
        Map<Row, Map<String, String>> rows = new LinkedHashMap<>();
        for (AsmRecord r : asm) {
            String col = r.column();
            if (!columns.contains(col)) {
                columns.add(col);
            }
            rows.computeIfAbsent(new Row(r.strategy(), r.point()), k -> new LinkedHashMap<>())
                    .put(col, r.instructions().isEmpty() ? "-" : String.join("; ", r.instructions()));
        }
        Collections.sort(columns);
        return new AsmTable(columns, rows);
    }
}
