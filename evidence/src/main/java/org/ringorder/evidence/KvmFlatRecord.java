package org.ringorder.evidence;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;

/**
 * A {@link KvmRecord} as every ringorder before the nested groups wrote it: one flat object of up
 * to 46 fields (results-format 1 had the first 30; later fields an older record lacks read as
 * null). Only read, never written: {@link #READER} maps it onto the nested record.
 */
record KvmFlatRecord(String strategy, String roles, String capability, long capDirtyLogRing, long capDirtyLogRingAcqRel,
                     int vcpus, int ringSize, int dataMiB, String pattern, long reapIntervalMicros, long millis,
                     long harvested, double pagesPerSecond, long resetCalls, double entriesPerReset, long resetMismatches,
                     double resetMeanMicros, double resetP50Micros, double resetP99Micros, double resetP999Micros,
                     long ringFullExits, double ringFullPerSecond, long emptyRingFullExits, long ringOverruns,
                     long guestWrites, double guestWritesPerSecond, long pagesWritten, long lostPages, long outOfRange,
                     long violations, String arch, Long pageSize, Long capDirtyLogRingWithBitmap, String withBitmap,
                     String emulated, String mechanism, String bitmapMode, Long capManualDirtyLogProtect2, Integer dirtyMiB,
                     Integer writesPerExit, Long exitIntervalMicros, Long clearChunkPages, Integer repetition, String broken,
                     KvmRecord.Collection collection, KvmRecord.Migration migration) {
    /** The field every flat record has at its top and no nested one does. */
    private static final String FLAT_MARK = "capDirtyLogRing";

    /** Reads a {@link KvmRecord} in either form (the flat one mapped), writes the nested one. */
    static final TypeAdapterFactory READER = new TypeAdapterFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != KvmRecord.class) {
                return null;
            }
            TypeAdapter<KvmRecord> nested = gson.getDelegateAdapter(this, TypeToken.get(KvmRecord.class));
            TypeAdapter<KvmFlatRecord> flat = gson.getAdapter(KvmFlatRecord.class);
            return (TypeAdapter<T>) new TypeAdapter<KvmRecord>() {
                @Override
                public void write(JsonWriter out, KvmRecord value) throws IOException {
                    nested.write(out, value);
                }

                @Override
                public KvmRecord read(JsonReader in) throws IOException {
                    JsonElement tree = JsonParser.parseReader(in);
                    boolean isFlat = tree.isJsonObject() && tree.getAsJsonObject().has(FLAT_MARK);
                    return isFlat ? flat.read(lenient(tree)).nested() : nested.read(lenient(tree));
                }
            };
        }
    };

    /** A reader of the tree that takes NaN as Json's files hold it (a cost with no pages); a tree's own reader is Gson's internal. */
    private static JsonReader lenient(JsonElement tree) {
        JsonReader r = new JsonReader(new StringReader(tree.toString()));
        r.setStrictness(Strictness.LENIENT);
        return r;
    }

    /** The same values in their groups; a bitmap row's ring figures (0 in the flat form) become none. */
    KvmRecord nested() {
        boolean ring = mechanism == null || mechanism.equals(KvmRecord.RING);
        return new KvmRecord(mechanism, strategy, bitmapMode, roles, capability, arch, pageSize, emulated, repetition, broken, millis,
                lostPages, violations,
                new KvmRecord.Capabilities(capDirtyLogRing, capDirtyLogRingAcqRel, capDirtyLogRingWithBitmap, withBitmap,
                        capManualDirtyLogProtect2),
                new KvmRecord.Workload(vcpus, ringSize, dataMiB, dirtyMiB, pattern, reapIntervalMicros, writesPerExit, exitIntervalMicros,
                        clearChunkPages),
                ring ? new KvmRecord.Ring(harvested, pagesPerSecond, resetCalls, entriesPerReset, resetMismatches, ringFullExits,
                        ringFullPerSecond, emptyRingFullExits, ringOverruns, outOfRange) : null,
                ring ? new KvmRecord.ResetTiming(resetMeanMicros, resetP50Micros, resetP99Micros, resetP999Micros) : null,
                new KvmRecord.Guest(guestWrites, guestWritesPerSecond, pagesWritten), collection, migration);
    }
}
