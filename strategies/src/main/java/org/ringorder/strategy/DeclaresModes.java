package org.ringorder.strategy;

/**
 * A side that states which access modes and fences it uses at each ordering point, once, beside
 * its code: the asm part checks what each compiler emitted for it against what those modes promise.
 * A side that declares nothing is checked only against what the protocol needs.
 */
public interface DeclaresModes {
    default Modes modes() {
        return Modes.UNDECLARED;
    }
}
