package org.ringorder.evidence;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place JSON is read and written: Gson, pretty-printed, nulls kept (an unknown value is
 * {@code null}, not missing), NaN allowed (JMH writes it for a single sample's error). Every
 * failure is one {@link UserError} line naming the file.
 */
public final class Json {
    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .setStrictness(Strictness.LENIENT)
            .registerTypeAdapterFactory(KvmFlatRecord.READER) // kvm.json written before its nested groups
            .create();

    private Json() {
    }

    /** The text of a value, for a file or a child's output. */
    public static String text(Object value) {
        return GSON.toJson(value);
    }

    /** A value from its text (throws {@link UserError} naming {@code what} when it is not that). */
    public static <T> T parse(String text, Class<T> type, String what) {
        try {
            T v = GSON.fromJson(text, type);
            if (v == null) {
                throw new UserError(what + " is empty");
            }
            return v;
        } catch (JsonParseException e) {
            throw new UserError(what + " is not complete JSON (truncated?)");
        }
    }

    /** Writes {@code value} to {@code file} whole or not at all. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, text(value));
    }

    /** A JSON array of records. */
    public static <T> List<T> readList(Path file, Class<T> element, String what) {
        JsonElement root = readTree(file);
        if (!root.isJsonArray()) {
            throw new UserError(file + " is not " + what + ": expected a JSON array");
        }
        Type listType = TypeToken.getParameterized(List.class, element).getType();
        try {
            List<T> out = GSON.fromJson(root, listType);
            return List.copyOf(out);
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new UserError(file + " is not " + what + ": " + firstLine(e.getMessage()));
        }
    }

    /** A file as Gson's tree: for files whose shape another program owns (JMH's JSON), before mapping it. */
    public static JsonElement readTree(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            JsonElement root = com.google.gson.JsonParser.parseReader(in);
            if (root == null || root.isJsonNull()) {
                throw new UserError(file + " is empty");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new UserError("no " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (JsonParseException e) {
            throw new UserError(file + " is not complete JSON (truncated?): " + firstLine(e.getMessage()));
        }
    }

    /** A record as Gson's tree (e.g. to list every field of env.json in a report). */
    public static JsonElement toTree(Object value) {
        return GSON.toJsonTree(value);
    }

    /** A tree mapped onto a record type. */
    static <T> T map(JsonElement tree, Class<T> type) {
        return GSON.fromJson(tree, type);
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
