package org.ringorder.evidence;

import java.util.List;

/**
 * One ordering point of one strategy as one compiler emitted it ({@code asm.json} holds every
 * architecture, backend, strategy and point): the instructions that order memory or touch the
 * ring, and the point's whole code.
 */
public record AsmRecord(String arch, String backend, String compiler, String strategy, String point,
                        List<String> instructions, List<String> code) {
}
