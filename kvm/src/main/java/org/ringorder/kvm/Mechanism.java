package org.ringorder.kvm;

import java.util.Locale;
import org.ringorder.strategy.Flag;

/** The kernel's two ways to track dirty guest pages: a ring per vCPU, or a bitmap per memslot. */
public enum Mechanism implements Flag {
    RING, BITMAP;

    @Override
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mechanism byName(String name) {
        return Flag.byFlag(Mechanism.class, name, "--mechanism");
    }
}
