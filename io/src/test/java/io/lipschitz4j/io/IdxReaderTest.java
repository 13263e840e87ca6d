package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** IDX files written byte by byte in the test: good ones of every type, raw and gzip, and broken ones. */
class IdxReaderTest {

    @TempDir Path dir;

    /** Header {@code 00 00 code rank} + big-endian dims, then {@code data} as given. */
    static byte[] idx(int code, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) code).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static ArrayFormatException fails(Path file, String field) {
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> IdxReader.read(file));
        return checked(e, file, field);
    }

    private static ArrayFormatException checked(ArrayFormatException e, Path file, String field) {
        assertThat(e).as("reading %s should fail", file).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.file()).contains(file);
        assertThat(e.getMessage()).startsWith(file + ": " + field + ": ").doesNotContain("\n");
        return e;
    }

    @Test
    void readsUnsignedBytesRawAndGzipIdentically() throws IOException {
        byte[] data = new byte[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 11); // crosses 127: 0..253
        byte[] file = idx(0x08, new int[] {2, 3, 4}, data);
        IdxArray raw = IdxReader.read(write("images-idx3-ubyte", file));
        IdxArray gz = IdxReader.read(write("images-idx3-ubyte.gz", gzip(file)));
        for (IdxArray a : new IdxArray[] {raw, gz}) {
            assertThat(a.type()).isEqualTo(IdxType.UBYTE);
            assertThat(a.shape()).containsExactly(2, 3, 4);
            for (int i = 0; i < data.length; i++) {
                assertThat(a.unsignedByte(i)).isEqualTo(i * 11);
                assertThat(a.get(i)).isEqualTo(i * 11);
            }
            Tensor t = a.toTensor();
            assertThat(t.shape()).containsExactly(2, 3, 4);
            assertThat(t.get(1, 2, 3)).isEqualTo(23 * 11);
        }
    }

    @Test
    void readsEveryElementTypeBigEndian() throws IOException {
        double[] values = {-3, 0, 5, 100};
        for (IdxType type : IdxType.values()) {
            ByteBuffer b = ByteBuffer.allocate(values.length * type.size());
            for (double v : values) {
                double w = type == IdxType.UBYTE ? Math.abs(v) : v;
                switch (type) {
                    case UBYTE, BYTE -> b.put((byte) w);
                    case SHORT -> b.putShort((short) w);
                    case INT -> b.putInt((int) w);
                    case FLOAT -> b.putFloat((float) w);
                    case DOUBLE -> b.putDouble(w);
                }
            }
            Tensor t = IdxReader.read(write("t" + type, idx(type.code(), new int[] {4}, b.array()))).toTensor();
            double[] expected = type == IdxType.UBYTE ? new double[] {3, 0, 5, 100} : values;
            assertThat(t.data()).as("%s", type).containsExactly(expected);
        }
        IdxArray f = IdxReader.read(write("frac", idx(0x0E, new int[] {1}, ByteBuffer.allocate(8).putDouble(0.1).array())));
        assertThat(f.get(0)).isEqualTo(0.1);
    }

    @Test
    void readsFromAStream() throws IOException {
        byte[] file = idx(0x08, new int[] {3}, new byte[] {1, 2, 3});
        IdxArray a = IdxReader.read(new ByteArrayInputStream(file), "labels");
        assertThat(a.toTensor().data()).containsExactly(1, 2, 3);
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(Arrays.copyOf(file, file.length + 1)), "labels"));
        assertThat(e.getMessage()).startsWith("labels: data: extra bytes");
        assertThat(e.file()).isEmpty();
    }

    @Test
    void checksExpectedTypeAndDims() throws IOException {
        Path p = write("labels", idx(0x08, new int[] {5}, new byte[5]));
        assertThat(IdxReader.read(p, IdxType.UBYTE, -1).count()).isEqualTo(5);
        assertThat(IdxReader.read(p, IdxType.UBYTE, 5).count()).isEqualTo(5);
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> IdxReader.read(p, IdxType.UBYTE, -1, 28, 28));
        checked(e, p, "header.dims");
        assertThat(e.getMessage()).contains("dims [5]").contains("expected [*, 28, 28]");
        checked(catchThrowableOfType(ArrayFormatException.class, () -> IdxReader.read(p, IdxType.UBYTE, 6)), p, "header.dims");
        e = catchThrowableOfType(ArrayFormatException.class, () -> IdxReader.read(p, IdxType.FLOAT, 5));
        checked(e, p, "header.type");
        assertThat(e.getMessage()).contains("UBYTE").contains("FLOAT");
    }

    @Test
    void emptyDimensionGivesAnEmptyArray() throws IOException {
        IdxArray a = IdxReader.read(write("empty", idx(0x08, new int[] {0, 28, 28}, new byte[0])));
        assertThat(a.count()).isZero();
        assertThat(a.shape()).containsExactly(0, 28, 28);
    }

    @Test
    void corruptMagic() throws IOException {
        byte[] file = idx(0x08, new int[] {2}, new byte[2]);
        file[1] = 0x01;
        assertThat(fails(write("m", file), "magic").getMessage()).contains("00 01 08 01");
        assertThat(fails(write("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}), "magic").getMessage()).contains("not an IDX file");
        fails(write("short", new byte[] {0, 0}), "magic");
        fails(write("empty", new byte[0]), "magic");
    }

    @Test
    void unknownTypeAndBadRank() throws IOException {
        assertThat(fails(write("t", idx(0x07, new int[] {2}, new byte[2])), "header.type").getMessage()).contains("0x07");
        fails(write("r0", idx(0x08, new int[0], new byte[1])), "header.rank");
        byte[] r200 = idx(0x08, new int[] {1}, new byte[1]);
        r200[3] = (byte) 200;
        fails(write("r200", r200), "header.rank");
    }

    @Test
    void badDims() throws IOException {
        fails(write("trunc-dims", Arrays.copyOf(idx(0x08, new int[] {2, 3, 4}, new byte[0]), 10)), "header.dims");
        assertThat(fails(write("neg", idx(0x08, new int[] {-1}, new byte[0])), "header.dims").getMessage()).contains("4294967295");
        fails(write("huge", idx(0x0E, new int[] {1 << 20, 1 << 20}, new byte[0])), "header.dims");
    }

    @Test
    void truncatedAndExtraData() throws IOException {
        byte[] file = idx(0x08, new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        ArrayFormatException e = fails(write("trunc", Arrays.copyOf(file, file.length - 1)), "data");
        assertThat(e.getMessage()).contains("truncated data: 7839 bytes present").contains("expected 7840 bytes");
        fails(write("extra", Arrays.copyOf(file, file.length + 3)), "data");
        // a gzip file whose content is truncated IDX, and one with bytes after the data
        fails(write("trunc.gz", gzip(Arrays.copyOf(file, file.length - 1))), "data");
        fails(write("extra.gz", gzip(Arrays.copyOf(file, file.length + 1))), "data");
        // the header claims 4 GB, the gzip content is short: fails as truncated, allocating nothing big
        fails(write("liar.gz", gzip(idx(0x08, new int[] {2000, 1000, 1000}, new byte[100]))), "data");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1000}, new byte[1000]));
        fails(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), "gzip");
        byte[] bad = gz.clone();
        for (int i = 10; i < bad.length - 8; i++) bad[i] ^= 0x5A;
        fails(write("bad.gz", bad), "gzip");
        fails(write("header.gz", new byte[] {0x1f, (byte) 0x8b, 0x42}), "gzip");
    }
}
