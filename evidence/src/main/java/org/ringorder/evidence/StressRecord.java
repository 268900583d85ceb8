package org.ringorder.evidence;

/** One strategy's stress run ({@code stress.json} holds one per strategy): what it pushed and checked, and every violation by class. */
public record StressRecord(String strategy, String roles, int vcpus, int ringSize, String pattern, long millis,
                           long pushed, long entriesChecked, long stalePayloads, long shortResets, long overwrites,
                           long lostPages, long violations) {
}
