package org.ringorder.jni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Loads a JNI library that the build put into a module's jar ({@code org/ringorder/jni/linux-ARCH/NAME}),
 * or says in one line why it cannot: not Linux, not built for this architecture, or not loadable.
 */
public final class NativeLibrary {
    private NativeLibrary() {
    }

    /** Empty once {@code name} is loaded; else why not, and what to do. */
    public static Optional<String> load(Class<?> owner, String name) {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.equals("Linux")) {
            return Optional.of(name + " is built for Linux only, not " + os);
        }
        String resource = "/org/ringorder/jni/linux-" + arch + "/" + name;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.of(name + " was not built for " + arch + ": no gcc when ringorder was built (apt-get install gcc, then rebuild)");
            }
            Path file = Files.createTempFile(name.replace(".so", ""), ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
            return Optional.empty();
        } catch (IOException | UnsatisfiedLinkError e) {
            return Optional.of(name + " could not be loaded: " + e.getMessage());
        }
    }
}
