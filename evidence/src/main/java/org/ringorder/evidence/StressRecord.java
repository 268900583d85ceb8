package org.ringorder.evidence;

/**
 * One strategy's stress run ({@code stress.json} holds one per strategy): what it pushed and
 * checked, and every violation by class. {@code margin} is the entries each vCPU kept free beyond
 * the reset index (the kernel keeps 64; null in results written before it was recorded).
 */
public record StressRecord(String strategy, String roles, int vcpus, int ringSize, Integer margin, String pattern, long millis,
                           long pushed, long entriesChecked, long stalePayloads, long shortResets, long overwrites,
                           long lostPages, long violations) {
}
