package org.ringorder.results;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asm part as a table: a row per (strategy, ordering point) in protocol order, a column per
 * (architecture, backend), each cell the point's ordering instructions ("-": none). The screen
 * table of {@code ringorder asm} and the report's section are both this.
 */
public record AsmTable(List<String> columns, Map<Row, Map<String, String>> rows) {
    /** One strategy's ordering point. */
    public record Row(String strategy, String point) {
    }

    public static AsmTable of(List<JsonObject> asm) {
        List<String> columns = new ArrayList<>();
        Map<Row, Map<String, String>> rows = new LinkedHashMap<>();
        for (JsonObject r : asm) {
            String col = r.get("arch").getAsString() + " " + (r.get("backend").getAsString().equals("jvm") ? "JVM (C2)" : "native (gcc)");
            if (!columns.contains(col)) {
                columns.add(col);
            }
            List<String> insns = new ArrayList<>();
            r.getAsJsonArray("instructions").forEach(x -> insns.add(x.getAsString()));
            rows.computeIfAbsent(new Row(r.get("strategy").getAsString(), r.get("point").getAsString()),
                    k -> new LinkedHashMap<>()).put(col, insns.isEmpty() ? "-" : String.join("; ", insns));
        }
        Collections.sort(columns);
        return new AsmTable(columns, rows);
    }
}
