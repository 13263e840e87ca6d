package io.lipschitz4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.Tensor;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safetensors: the NumPy-made golden file, round trips, and headers that lie. */
class SafetensorsTest {
    @TempDir
    Path dir;

    private static Path golden() throws URISyntaxException {
        return Path.of(SafetensorsTest.class.getResource("/safetensors/golden.safetensors").toURI());
    }

    @Test
    void readsTheGoldenFileOfEveryDtype() throws Exception {
        Safetensors st = SafetensorsReader.read(golden());
        assertThat(st.tensors().keySet()).containsExactly("a", "b", "c", "d", "e", "f", "z");
        assertThat(st.metadata()).containsEntry("format", "pt").containsEntry("made_by", "make_golden.py");
        assertThat(st.dtypes()).containsEntry("a", SafetensorsDtype.F32).containsEntry("d", SafetensorsDtype.BF16)
                .containsEntry("e", SafetensorsDtype.I64);
        Tensor a = st.get("a");
        assertThat(a.shape()).containsExactly(2, 3);
        for (int i = 0; i < 6; i++) assertThat(a.data()[i]).isEqualTo((double) (float) ((i - 3) / 7.0));
        for (int i = 0; i < 4; i++) assertThat(st.get("b").data()[i]).isEqualTo((i - 3) / 7.0);
        assertThat(st.get("c").shape()).containsExactly(2, 2);
        for (int i = 0; i < 4; i++) assertThat(st.get("c").data()[i]).isEqualTo((i - 3) / 4.0);
        assertThat(st.get("d").data()).containsExactly(1.5, -2.0, 0.15625);
        assertThat(st.get("e").data()).containsExactly(-7.0, (double) (1L << 40) - 7);
        assertThat(st.get("f").data()).containsExactly(-5.0, 995.0, 1995.0);
        assertThat(st.get("z").shape()).containsExactly(0, 3);
    }

    @Test
    void roundTripsF64BitForBitAndF32Rounded() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", new Tensor(new int[] {2, 3}, new double[] {Math.PI, -0.0, 1e-300, Double.MIN_VALUE, 7, -1.0 / 3}));
        m.put("0.bias", new Tensor(new int[] {2}, new double[] {Math.E, 1e300}));
        m.put("scalar", new Tensor(new int[] {}, new double[] {42}));
        Path p = dir.resolve("m.safetensors");
        SafetensorsWriter.write(p, m, Map.of("format", "pt"), SafetensorsDtype.F64);
        Safetensors back = SafetensorsReader.read(p);
        assertThat(back.tensors().keySet()).containsExactly("0.weight", "0.bias", "scalar");
        for (String k : m.keySet()) {
            assertThat(back.get(k).shape()).isEqualTo(m.get(k).shape());
            for (int i = 0; i < m.get(k).size(); i++) {
                assertThat(Double.doubleToRawLongBits(back.get(k).data()[i])).isEqualTo(Double.doubleToRawLongBits(m.get(k).data()[i]));
            }
        }
        assertThat(back.metadata()).containsEntry("format", "pt");
        // header padded so the data starts at a multiple of 8
        byte[] raw = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        assertThat(raw.length).isEqualTo(8 + n + 8 * 9);

        Path p32 = dir.resolve("m32.safetensors");
        SafetensorsWriter.write(p32, m, null, SafetensorsDtype.F32);
        Safetensors b32 = SafetensorsReader.read(p32);
        assertThat(b32.dtypes().get("0.weight")).isEqualTo(SafetensorsDtype.F32);
        assertThat(b32.get("0.weight").data()[0]).isEqualTo((double) (float) Math.PI);
        assertThat(b32.get("0.bias").data()[1]).isEqualTo(Double.POSITIVE_INFINITY); // 1e300 overflows float
        assertThat(b32.metadata()).isEmpty();
    }

    @Test
    void writerIsAtomicAndRejectsBadNames() throws Exception {
        Path p = dir.resolve("x.safetensors");
        Files.writeString(p, "old");
        assertThatThrownBy(() -> SafetensorsWriter.write(p, Map.of("__metadata__", Tensor.zeros(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(p)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1); // no temporary file left behind
        }
    }

    /** A file with a hand-written header (padded to 8) and {@code dataBytes} bytes of data. */
    private Path file(String name, String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        b.write(h);
        b.write(new byte[dataBytes]);
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    private void assertBad(Path p, String field, String... fragments) {
        assertThatThrownBy(() -> SafetensorsReader.read(p)).isInstanceOfSatisfying(ArrayFormatException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(p.toString()).doesNotContain("\n");
            for (String f : fragments) assertThat(e.getMessage()).contains(f);
        });
    }

    @Test
    void offsetsPastTheEndOfTheFile() throws Exception {
        assertBad(file("past.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
                "data_offsets", "[w]", "past the end");
    }

    @Test
    void overlappingOffsets() throws Exception {
        assertBad(file("overlap.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "data_offsets", "[v]", "overlaps");
    }

    @Test
    void holeBetweenTensors() throws Exception {
        assertBad(file("hole.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12), "data_offsets", "[v]", "hole");
    }

    @Test
    void trailingBytesAfterTheLastTensor() throws Exception {
        assertBad(file("trailing.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12), "data", "8 bytes after");
    }

    @Test
    void dtypeThatDisagreesWithTheSpan() throws Exception {
        // the header says F64 but the offsets span 4-byte floats: the dtype (or the offsets) lie
        assertBad(file("dtype.safetensors", "{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,12]}}", 12),
                "data_offsets", "[w]", "24 bytes");
    }

    @Test
    void unknownAndMissingDtypes() throws Exception {
        assertBad(file("c64.safetensors", "{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "dtype", "[w]", "C64");
        assertBad(file("nodtype.safetensors", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "dtype", "missing");
    }

    @Test
    void badShapesOffsetsAndFields() throws Exception {
        assertBad(file("negshape.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "shape");
        assertBad(file("reversed.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4), "data_offsets");
        assertBad(file("extra.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4), "x", "unknown field");
        assertBad(file("dup.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "header", "invalid JSON");
        assertBad(file("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", 0), "k", "a string");
    }

    @Test
    void headerLengthAndSyntax() throws Exception {
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertBad(huge, "header length", "1099511627776");
        Path negative = dir.resolve("neg.safetensors");
        Files.write(negative, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-8).array());
        assertBad(negative, "header length");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[5]);
        assertBad(tiny, "header length", "5 bytes");
        assertBad(file("notjson.safetensors", "{\"w\":[", 0), "header", "invalid JSON");
        assertBad(file("array.safetensors", "[1, 2]", 0), "header", "array");
    }

    @Test
    void emptyFileOfTensorsIsFine() throws Exception {
        Safetensors st = SafetensorsReader.read(file("empty.safetensors", "{}      ", 0));
        assertThat(st.tensors()).isEmpty();
    }
}
