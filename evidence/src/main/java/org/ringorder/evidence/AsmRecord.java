package org.ringorder.evidence;

import java.util.List;

/**
 * One ordering point of one strategy as one compiler emitted it ({@code asm.json} holds every
 * architecture, backend, compiler, strategy and point): the instructions that order memory or
 * touch the ring, and the point's whole code. For the JVM backend, {@code jdk} is the feature
 * release whose C2 it is and {@code setting} its barrier flags ({@code default}, or
 * {@code -XX:-AlwaysMergeDMB}: what the JDK picks on Neoverse); both null for gcc, and in results
 * written before they were recorded.
 */
public record AsmRecord(String arch, String backend, String compiler, String jdk, String setting, String strategy, String point,
                        List<String> instructions, List<String> code) {
    /** The table's column: e.g. {@code aarch64 C2 JDK 25 -XX:-AlwaysMergeDMB}, {@code x86_64 native (gcc)}. */
    public String column() {
        if (!backend.equals("jvm")) {
            return arch + " native (gcc)";
        }
        return jdk == null ? arch + " JVM (C2)" : arch + " C2 JDK " + jdk + " " + setting;
    }
}
