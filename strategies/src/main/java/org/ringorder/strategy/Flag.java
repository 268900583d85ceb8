package org.ringorder.strategy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum value users name on the command line and results files spell: its flag, and the lookup by it. */
public interface Flag {
    String flag();

    /** The value whose flag is {@code name}, or one line naming the bad value and the good ones. */
    static <E extends Enum<E> & Flag> E byFlag(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.flag().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Flag::flag).collect(Collectors.joining(", ")));
    }
}
