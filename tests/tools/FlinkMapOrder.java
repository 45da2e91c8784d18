// This file prints the iteration order of a java.util.HashMap filled the way
// Flink's JSON and Avro decoders and the Kafka headers reader fill one: keys
// are StringData (BinaryStringData.hashCode = MurmurHashUtil.hashBytes of the
// UTF-8 bytes, seed 42), put in the order read. It produced the expected map
// orders of tests/e2e/test_nested_json.sh and tests/unit/test_nested.c.
//   java tests/tools/FlinkMapOrder.java key1 key2 ...   (or "-s" first: String keys)
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

    public static void main(String[] args) {
        boolean strings = args.length > 0 && args[0].equals("-s");
        Map<Object, Integer> m = new HashMap<>();
        for (int i = strings ? 1 : 0; i < args.length; i++) m.put(strings ? args[i] : new Key(args[i]), i);
        StringBuilder sb = new StringBuilder();
        for (Object k : m.keySet()) sb.append(sb.length() > 0 ? " " : "").append(k);
        System.out.println(sb);
    }
}
