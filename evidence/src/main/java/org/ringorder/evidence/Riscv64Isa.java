package org.ringorder.evidence;

import java.util.EnumSet;
import java.util.Set;
import org.ringorder.strategy.Order.Pair;

/**
 * riscv64 under RVWMO, in objdump's syntax. {@code fence PRED,SUCC} orders every earlier access in
 * PRED before every later one in SUCC, r and w being memory loads and stores; i and o are device
 * input and output, which the ring (ordinary memory) never is, so they are dropped ({@code fence}
 * alone is {@code fence iorw,iorw}, every pair). {@code fence.tso} orders loads before loads and
 * stores and stores before stores, not stores before loads. {@code fence.i} orders instruction
 * fetch, no data access. {@code .aq} and {@code .rl} on {@code lr}, {@code sc} and the AMOs make
 * the access an acquire, a release, or both, and RCsc (RVWMO's rule: two annotated accesses keep
 * their program order). Plain {@code l*}/{@code s*} order nothing, under RVWMO; on Ztso hardware
 * ({@link #ZTSO}: what {@code -XX:+UseZtso} compiles for) every load is an acquire and every store
 * a release, as on x86. An AMO is one memory operation, both a load and a store: a fence orders it
 * when either kind is in the fence's set.
 */
final class Riscv64Isa implements Isa {
    /** riscv64 with the Ztso extension: RVTSO, the code of {@code -XX:+UseZtso}. */
    static final Riscv64Isa ZTSO = new Riscv64Isa(true);

    private final boolean tso;

    Riscv64Isa() {
        this(false);
    }

    private Riscv64Isa(boolean tso) {
        this.tso = tso;
    }

    @Override
    public boolean rmwIsOneOperation() {
        return true;
    }
    private static final Set<String> LOADS = Set.of("lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "flh", "flw", "fld", "flq");
    private static final Set<String> STORES = Set.of("sb", "sh", "sw", "sd", "fsh", "fsw", "fsd", "fsq");

    public String arch() {
        return "riscv64";
    }

    public Effect effect(String instruction) {
        String op = Isa.op(instruction);
        String args = Isa.operands(instruction);
        if (op.startsWith("c.")) {
            op = op.substring(2); // the compressed forms order as the full ones
        }
        switch (op) {
            case "fence":
                return Effect.barrier(args.isEmpty() ? Pair.ALL : fence(args));
            case "fence.tso":
                return Effect.barrier(EnumSet.of(Pair.LOAD_LOAD, Pair.LOAD_STORE, Pair.STORE_STORE));
            case "fence.i":
                return Effect.NONE;
            default:
                break;
        }
        if (!args.contains("(") || args.contains("(sp)")) {
            return Effect.NONE;
        }
        String[] parts = op.split("\\.");
        String base = parts[0];
        boolean aq = op.endsWith(".aq") || op.endsWith(".aqrl");
        boolean rl = op.endsWith(".rl") || op.endsWith(".aqrl");
        Effect e;
        if (base.equals("lr")) {
            e = Effect.load();
        } else if (base.equals("sc")) {
            e = Effect.store();
        } else if (base.startsWith("amo")) {
            e = Effect.readModifyWrite();
        } else if (LOADS.contains(base)) {
            return tso ? Effect.load().acquiring(false) : Effect.load();
        } else if (STORES.contains(base)) {
            return tso ? Effect.store().releasingRcpc() : Effect.store();
        } else {
            return Effect.NONE;
        }
        if (tso) { // Ztso: every AMO is .aqrl, an LR an acquire, an SC a release
            aq |= !base.equals("sc");
            rl |= !base.equals("lr");
        }
        Effect out = aq ? e.acquiring(true) : e;
        return rl ? out.releasing() : out;
    }

    /** {@code fence r,rw}: the pairs from PRED's loads and stores to SUCC's; i and o dropped. */
    private static Set<Pair> fence(String sets) {
        String[] ps = sets.split(",");
        String pred = ps[0].trim();
        String succ = ps.length > 1 ? ps[1].trim() : "";
        Set<Pair> out = EnumSet.noneOf(Pair.class);
        for (boolean earlierLoad : new boolean[] {true, false}) {
            for (boolean laterLoad : new boolean[] {true, false}) {
                if (pred.contains(earlierLoad ? "r" : "w") && succ.contains(laterLoad ? "r" : "w")) {
                    out.add(Pair.of(earlierLoad, laterLoad));
                }
            }
        }
        return out;
    }

    public String plainLoad() {
        return "lw a0,0(a1)";
    }

    public String plainStore() {
        return "sw a0,0(a1)";
    }
}
