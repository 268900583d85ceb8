package org.ringorder.stress;

import java.util.List;
import java.util.Locale;
import org.ringorder.evidence.UserError;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.strategy.Roles;

/**
 * A stress run's settings, the same for every strategy it judges: checked once, encoded as the
 * child JVM's arguments ({@link #args}) and decoded there ({@link #parse}), in this one place.
 *
 * @param roles   all (the strategy on both sides) or userspace (Linux's kernel side)
 * @param seconds per strategy
 * @param vcpus   vCPU threads
 * @param margin  entries each vCPU keeps free beyond the reset index: 0..64, the kernel's reserve
 */
public record StressSettings(String roles, double seconds, int vcpus, int margin) {
    public static final double DEFAULT_SECONDS = 10;

    /** Refuses a bad value with one line naming the option and what is accepted. */
    public StressSettings {
        try {
            Roles.byName(roles);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
        DirtyRingVm.checkVcpus(vcpus);
        if (margin < 0 || margin > DirtyRing.RSVD_ENTRIES) {
            throw new UserError("--margin " + margin + " is out of range: expected 0.." + DirtyRing.RSVD_ENTRIES
                    + " (the kernel's reserve, the default)");
        }
    }

    /** The defaults at a number of seconds: roles all, one vCPU, the kernel's margin. */
    public static StressSettings of(double seconds) {
        return new StressSettings("all", seconds, 1, DirtyRing.RSVD_ENTRIES);
    }

    /** The child's arguments for one strategy, before its output file. */
    public List<String> args(String strategy) {
        return List.of(strategy, roles, String.valueOf(seconds), String.valueOf(vcpus), String.valueOf(margin));
    }

    /** The settings and strategy from {@link #args}, in the child. */
    static StressSettings parse(List<String> args) {
        return new StressSettings(args.get(1), Double.parseDouble(args.get(2)), Integer.parseInt(args.get(3)),
                Integer.parseInt(args.get(4)));
    }

    /** E.g. {@code roles all, 10.0 s, 1 vCPU(s), margin 64}. */
    public String words() {
        return String.format(Locale.ROOT, "roles %s, %s s, %d vCPU(s), margin %d", roles, seconds, vcpus, margin);
    }
}
