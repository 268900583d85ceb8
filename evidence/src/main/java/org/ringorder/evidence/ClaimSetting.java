package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;

/**
 * The setting the seed's claim and every pick verdict are measured at, defined once: the claimed
 * strategy against the reference, paired in the same forks, at one ring size, vCPU count, roles
 * and pattern. The decision plans its paired parts from it ({@link #jmhParams}), {@link Costs}
 * reads results at it ({@link #params}), and pick's prose says it ({@link #words}).
 */
public record ClaimSetting(String strategy, String reference, int ringSize, int vcpus, Roles roles, OffsetPattern pattern,
                           boolean paired) {
    /** The seed's claim: acquire-load against plain, paired, ring 4096, 1 vCPU, roles all, sequential. */
    public static final ClaimSetting CLAIM = new ClaimSetting("acquire-load", "plain", 4096, 1, Roles.ALL,
            OffsetPattern.SEQUENTIAL, true);

    /** The benchmark parameters every verdict's figure has, strategy and backend aside (how results are matched). */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ringSize", String.valueOf(ringSize));
        p.put("vcpus", String.valueOf(vcpus));
        p.put("roles", roles.flag());
        p.put("pattern", pattern.flag());
        return p;
    }

    /** JMH's {@code -p} arguments for a paired benchmark at this setting: the reference and {@link #params}. */
    public List<String> jmhParams() {
        List<String> out = new ArrayList<>(List.of("-p", "reference=" + reference));
        params().forEach((k, v) -> out.addAll(List.of("-p", k + "=" + v)));
        return out;
    }

    /** Where pick's prose names the setting: e.g. {@code ringSize 4096, vcpus 1, roles all, pattern sequential}. */
    public String words() {
        List<String> parts = new ArrayList<>();
        params().forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }
}
