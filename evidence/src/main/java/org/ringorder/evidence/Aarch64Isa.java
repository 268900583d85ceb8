package org.ringorder.evidence;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ringorder.strategy.Order.Pair;

/**
 * aarch64, in objdump's syntax: plain {@code ldr}/{@code str} order nothing; {@code dmb ish} (and
 * {@code sy}, {@code osh}, {@code nsh}, and {@code dsb} alike) orders every pair; {@code dmb ishld}
 * orders earlier loads before later loads and stores; {@code dmb ishst} stores before stores.
 * {@code ldar} (and {@code ldaxr}, and the LSE atomics with {@code a}) is an acquire, RCsc: also
 * ordered after an earlier {@code stlr}; {@code ldapr} is an acquire, RCpc: an earlier {@code stlr}
 * may still come after it. {@code stlr} (and {@code stlxr}, and LSE with {@code l}) is a release.
 * {@code isb} orders no memory access.
 */
final class Aarch64Isa implements Isa {
    private static final Pattern LSE = Pattern.compile("(cas|casp|swp|ld(?:add|clr|eor|set|smax|smin|umax|umin))(a|al|l)?(b|h)?");
    private static final Pattern LSE_STORE = Pattern.compile("st(?:add|clr|eor|set|smax|smin|umax|umin)(l)?(b|h)?");

    public String arch() {
        return "aarch64";
    }

    public Effect effect(String instruction) {
        String op = Isa.op(instruction);
        String args = Isa.operands(instruction);
        if (op.equals("dmb") || op.equals("dsb")) {
            return Effect.barrier(barrier(args));
        }
        if (!args.contains("[") || args.matches(".*\\[sp[,\\]].*")) {
            return Effect.NONE; // no memory operand (isb, a literal-pool load), or the stack
        }
        Matcher lse = LSE.matcher(op);
        if (lse.matches()) {
            String order = lse.group(2) == null ? "" : lse.group(2);
            return annotated(Effect.readModifyWrite(), order.contains("a"), order.contains("l"), true);
        }
        Matcher lseStore = LSE_STORE.matcher(op);
        if (lseStore.matches()) {
            return annotated(Effect.readModifyWrite(), false, lseStore.group(1) != null, true);
        }
        if (op.matches("ldapu?r[bh]?|ldapur(sb|sh|sw)?")) {
            return annotated(Effect.load(), true, false, false);
        }
        if (op.matches("ldax?r[bh]?|ldaxp")) {
            return annotated(Effect.load(), true, false, true);
        }
        if (op.matches("stl(u?r|xr|xp)[bh]?")) {
            return annotated(Effect.store(), false, true, true);
        }
        if (op.startsWith("ld")) {
            return Effect.load(); // ldr, ldur, ldp, ldxr, ...
        }
        if (op.startsWith("st")) {
            return Effect.store(); // str, stur, stp, stxr, ...
        }
        return Effect.NONE;
    }

    private static Effect annotated(Effect e, boolean acquire, boolean release, boolean rcsc) {
        Effect out = acquire ? e.acquiring(rcsc) : e;
        return release ? out.releasing() : out;
    }

    /** A barrier's option: ...ld, loads before loads and stores; ...st, stores before stores; the rest, everything. */
    private static Set<Pair> barrier(String option) {
        if (option.endsWith("ld")) {
            return EnumSet.of(Pair.LOAD_LOAD, Pair.LOAD_STORE);
        }
        if (option.endsWith("st")) {
            return EnumSet.of(Pair.STORE_STORE);
        }
        return Pair.ALL;
    }

    public String plainLoad() {
        return "ldr w0, [x1]";
    }

    public String plainStore() {
        return "str w0, [x1]";
    }
}
