package org.ringorder.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.ringorder.evidence.AtomicFiles;

/**
 * Merges the JMH files of a run's parts into one {@code jmh.json}: JMH's own JSON, element by
 * element as JMH wrote it (through Gson's tree, so fields ringorder does not read survive for JMH
 * Visualizer), written whole or not at all.
 */
final class JsonMerge {
    private JsonMerge() {
    }

    /** Concatenates JMH result arrays into one array at {@code target}, which must not exist. */
    static void concatArrays(List<Path> parts, Path target) throws IOException {
        JsonArray all = new JsonArray();
        for (Path part : parts) {
            try (Reader in = Files.newBufferedReader(part)) {
                all.addAll(JsonParser.parseReader(in).getAsJsonArray());
            }
        }
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            try (Writer w = Files.newBufferedWriter(tmp)) {
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create()
                        .toJson(all, w);
            }
            AtomicFiles.readable(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
