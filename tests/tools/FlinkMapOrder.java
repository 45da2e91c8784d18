// This file prints the iteration order of the java.util.HashMaps a map goes
// through in Flink, each filled in the iteration order of the one before:
//   F  new HashMap<>() of StringData keys (BinaryStringData.hashCode =
//      MurmurHashUtil.hashBytes of the UTF-8 bytes, seed 42): Flink's JSON and
//      Avro decoders and the Kafka headers reader
//   S  CollectionUtil.newHashMapWithExpectedSize(n) of String keys: Flink's
//      RowDataToAvroConverters, which Avro's writer then iterates
//   U  new HashMap<>(n) of Avro Utf8 keys (h * 31 + signed byte): Avro's
//      GenericDatumReader, before Flink's F
// It produced the expected map orders of tests/e2e/test_nested_json.sh,
// test_headers.sh, test_nested_avro.sh and tests/unit/test_nested.c.
//   java tests/tools/FlinkMapOrder.java [STAGES] key1 key2 ...  (STAGES e.g. U,F; default F)
import java.nio.charset.StandardCharsets;
import java.util.*;

public class FlinkMapOrder {
    static final class Key {
        final byte[] b;
        Key(String s) { b = s.getBytes(StandardCharsets.UTF_8); }
        @Override public boolean equals(Object o) { return o instanceof Key && Arrays.equals(b, ((Key) o).b); }
        @Override public int hashCode() { return murmur(b); }
        @Override public String toString() { return new String(b, StandardCharsets.UTF_8); }
    }

    static int mixK1(int k1) { k1 *= 0xcc9e2d51; k1 = Integer.rotateLeft(k1, 15); return k1 * 0x1b873593; }
    static int mixH1(int h1, int k1) { h1 ^= k1; h1 = Integer.rotateLeft(h1, 13); return h1 * 5 + 0xe6546b64; }

    // Flink's MurmurHashUtil.hashUnsafeBytes: little-endian words (Unsafe.getInt on x86), then each tail byte
    static int murmur(byte[] b) {
        int n = b.length, aligned = n - n % 4, h1 = 42;
        for (int i = 0; i < aligned; i += 4) {
            int w = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
            h1 = mixH1(h1, mixK1(w));
        }
        for (int i = aligned; i < n; i++) h1 = mixH1(h1, mixK1(b[i]));
        h1 ^= n;
        h1 ^= h1 >>> 16; h1 *= 0x85ebca6b; h1 ^= h1 >>> 13; h1 *= 0xc2b2ae35; h1 ^= h1 >>> 16;
        return h1;
    }

    static final class Utf8Key {
        final byte[] b;
        Utf8Key(String s) { b = s.getBytes(StandardCharsets.UTF_8); }
        @Override public boolean equals(Object o) { return o instanceof Utf8Key && Arrays.equals(b, ((Utf8Key) o).b); }
        @Override public int hashCode() { int h = 0; for (byte x : b) h = h * 31 + x; return h; }
        @Override public String toString() { return new String(b, StandardCharsets.UTF_8); }
    }

    public static void main(String[] args) {
        int first = 0;
        String[] stages = {"F"};
        if (args.length > 0 && args[0].matches("[FSU](,[FSU])*")) {
            stages = args[0].split(",");
            first = 1;
        }
        List<String> keys = new ArrayList<>(Arrays.asList(args).subList(first, args.length));
        for (String st : stages) {
            Map<Object, Integer> m;
            int n = keys.size();
            if (st.equals("F")) m = new HashMap<>();
            else if (st.equals("S")) m = new HashMap<>(n <= 2 ? n + 1 : (int) Math.ceil(n / 0.75f), 0.75f);
            else m = new HashMap<>(n);
            for (String k : keys) m.put(st.equals("F") ? new Key(k) : st.equals("U") ? new Utf8Key(k) : k, 0);
            keys = new ArrayList<>();
            for (Object k : m.keySet()) keys.add(k.toString());
        }
        System.out.println(String.join(" ", keys));
    }
}
