package org.ringorder.bench.paired;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.List;

/**
 * Loads its own copy of the ring model, the strategies and a side's class, so that two sides of a
 * pair in one JVM run two separately compiled copies of the same loops (distinct classes, distinct
 * profiles): each is compiled as if it ran alone in its fork, the strategy a constant at every call
 * site. Everything else (the JDK, {@link PairSide}) comes from the parent, so the benchmark can
 * call a side through the interface.
 */
final class IsolatingLoader extends URLClassLoader {
    /** The packages (and the one class) every side gets a private copy of. */
    static final List<String> PRIVATE = List.of("org.ringorder.ring.", "org.ringorder.memory.", "org.ringorder.strategy.",
            JvmSide.class.getName(), JvmWorkloadSide.class.getName());

    IsolatingLoader(String name, ClassLoader parent, Class<?>... from) {
        super(name, urls(from), parent);
    }

    private static URL[] urls(Class<?>... from) {
        URL[] urls = new URL[from.length];
        for (int i = 0; i < from.length; i++) {
            CodeSource cs = from[i].getProtectionDomain().getCodeSource();
            if (cs == null) {
                throw new IllegalStateException("no code source for " + from[i].getName());
            }
            urls[i] = cs.getLocation();
        }
        return urls;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (PRIVATE.stream().noneMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name); // child first: this loader's own copy, never the parent's
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /**
     * A new {@code side} made in a loader of its own (its copy of the class and of everything
     * {@link #PRIVATE}), seen through {@code as}, an interface of the parent's. {@code name} tells
     * the two sides of a pair apart in a heap dump.
     */
    static <T> T instance(String name, Class<T> as, Class<? extends T> side, Class<?>[] types, Object... args) {
        try {
            ClassLoader own = new IsolatingLoader(name, as.getClassLoader(), side, org.ringorder.ring.DirtyRing.class);
            return as.cast(own.loadClass(side.getName()).getConstructor(types).newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load an isolated " + side.getSimpleName() + " for " + args[0] + ": " + e, e);
        }
    }
}
