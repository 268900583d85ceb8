package org.ringorder.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the benchmarks run: {@code --jvm} and {@code --cpus}, shared by run and micro. */
final class JvmOptions {
    @Option(names = "--jvm", paramLabel = "JDK", description = "Run the benchmarks on this JDK (home or bin/java); default: this one.")
    Path jvmPath;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "Pin the benchmark JVMs to these CPUs (taskset list, e.g. 0-1); JMH's forks inherit it. "
                    + "Per-thread pinning needs native code: not yet.")
    String cpus;

    Jvm jvm() {
        return jvmPath == null ? Jvm.current() : Jvm.of(jvmPath);
    }

    /** The validated CPU list, or null. */
    String pin() {
        return JmhProcess.checkCpus(cpus);
    }
}
