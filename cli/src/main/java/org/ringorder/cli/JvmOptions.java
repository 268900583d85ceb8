package org.ringorder.cli;

import java.nio.file.Path;
import org.ringorder.evidence.UserError;
import org.ringorder.jni.Cpus;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.EnvProbe;
import picocli.CommandLine.Option;

/** Where the child JVMs run: {@code --jvm} and {@code --cpus}, shared by the commands that start them. */
final class JvmOptions {
    @Option(names = "--jvm", paramLabel = "JDK", description = "Run the benchmarks on this JDK (home or bin/java); default: this one.")
    Path jvmPath;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "Pin the child JVMs to these CPUs (taskset list, e.g. 0-1); JMH's forks inherit it.")
    String cpus;

    Jvm jvm() {
        return jvmPath == null ? Jvm.current() : Jvm.of(jvmPath);
    }

    /** The validated CPU list, or null. */
    String pin() {
        return checkCpus(cpus);
    }

    /** How many CPUs the child JVMs may run on: as many as --cpus names, else this process's. */
    int cpuCount() {
        if (pin() == null) { // a list that taskset cannot pin to is refused there, in one line
            return Cpus.allowed().length;
        }
        java.util.BitSet set = new java.util.BitSet();
        for (String range : cpus.split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            set.set(from, (ends.length == 2 ? Integer.parseInt(ends[1]) : from) + 1);
        }
        return set.cardinality();
    }

    /** Refuses a CPU list this machine cannot pin to, with one line. */
    static String checkCpus(String cpus) {
        if (cpus == null) {
            return null;
        }
        if (!cpus.matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*")) {
            throw new UserError("--cpus " + cpus + " is not a CPU list: expected e.g. 0-1 or 0,2");
        }
        if (EnvProbe.command("taskset", "-c", cpus, "true") == null) {
            throw new UserError("--cpus " + cpus + " cannot be pinned here (taskset missing, or no such CPUs "
                    + "among the " + Runtime.getRuntime().availableProcessors() + " online): drop --cpus or fix the list");
        }
        return cpus;
    }
}
