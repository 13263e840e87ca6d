package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.lipschitz4j.io.Fixtures.f64Tensor;
import static io.lipschitz4j.io.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NpzTest {

    @TempDir Path dir;

    private static void assertSame(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.data()).containsExactly(expected.data());
    }

    @Test
    void readsNumpySavezInArchiveOrderWithoutTheNpySuffix() throws Exception {
        Map<String, Tensor> m = NpzReader.read(path("stored.npz"));
        assertThat(m.keySet()).containsExactly("weight", "bias");
        assertSame(m.get("weight"), f64Tensor(3, 4));
        assertSame(m.get("bias"), f64Tensor(4));
    }

    @Test
    void readsNumpySavezCompressed() throws Exception {
        Map<String, Tensor> m = NpzReader.read(path("compressed.npz"));
        assertThat(m.keySet()).containsExactly("kernel");
        assertSame(m.get("kernel"), f64Tensor(2, 3, 3, 3));
    }

    @Test
    void readsAnArchiveMixingStoredAndDeflatedMembers() throws Exception {
        try (ZipFile z = new ZipFile(path("mixed.npz").toFile())) {
            assertThat(z.getEntry("a.npy").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(z.getEntry("b.npy").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
        Map<String, Tensor> m = NpzReader.read(path("mixed.npz"));
        assertSame(m.get("a"), f64Tensor(2, 2));
        assertSame(m.get("b"), f64Tensor(3));
    }

    @Test
    void readsOneMemberByName() throws Exception {
        assertSame(NpzReader.read(path("stored.npz"), "bias"), f64Tensor(4));
    }

    @Test
    void missingMemberListsWhatIsThere() {
        Path p = path("stored.npz");
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p, "nope"));
        assertThat(e.getMessage()).isEqualTo(p + ": member: no array 'nope' (expected one of [weight, bias])");
    }

    @Test
    void badMemberErrorNamesTheArchiveAndTheMember() {
        Path p = path("bad_member_complex.npz");
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p));
        assertThat(e.getMessage()).startsWith(p + "[z.npy]: header.descr: unsupported dtype '<c16'");
        assertThat(e.source()).isEqualTo(p + "[z.npy]");
        assertThat(e.file()).contains(p);
    }

    @Test
    void notAZipArchive() {
        Path p = path("f8_3x4.npy");
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p));
        assertThat(e.field()).isEqualTo("zip");
        assertThat(e.getMessage()).startsWith(p + ": zip: not a readable zip archive").doesNotContain("\n");
    }

    @Test
    void truncatedArchiveIsReported() throws Exception {
        byte[] b = Files.readAllBytes(path("stored.npz"));
        Path p = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(b, b.length / 2));
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p));
        assertThat(e.getMessage()).startsWith(p + ": zip: ");
    }

    @Test
    void nonNpyMemberIsRefused() throws Exception {
        Path p = dir.resolve("readme.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("hi".getBytes());
            z.closeEntry();
        }
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p));
        assertThat(e.getMessage()).isEqualTo(p + "[README.txt]: zip: member is not a .npy file (expected only NAME.npy members)");
    }

    @Test
    void truncatedMemberDataNamesTheMember() throws Exception {
        Path p = dir.resolve("short.npz");
        byte[] npy = Files.readAllBytes(path("f8_3x4.npy"));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("w.npy"));
            z.write(npy, 0, npy.length - 8);
            z.closeEntry();
        }
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpzReader.read(p));
        assertThat(e.getMessage()).isEqualTo(p + "[w.npy]: data: truncated data: 88 bytes present for shape (3, 4) <f8 (expected 96 bytes)");
    }

    @Test
    void storedAndCompressedWritersRoundTripInOrder() throws Exception {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("conv1.weight", f64Tensor(2, 3, 3, 3));
        arrays.put("b", f64Tensor(5));
        arrays.put("scalar", f64Tensor());
        arrays.put("empty", f64Tensor(0, 4));
        Path stored = dir.resolve("s.npz");
        Path deflated = dir.resolve("c.npz");
        NpzWriter.write(stored, arrays);
        NpzWriter.writeCompressed(deflated, arrays);
        for (Path p : new Path[] {stored, deflated}) {
            Map<String, Tensor> back = NpzReader.read(p);
            assertThat(back.keySet()).containsExactlyElementsOf(arrays.keySet());
            arrays.forEach((k, v) -> assertSame(back.get(k), v));
        }
        try (ZipFile z = new ZipFile(stored.toFile()); ZipFile c = new ZipFile(deflated.toFile())) {
            assertThat(z.getEntry("b.npy").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(c.getEntry("b.npy").getMethod()).isEqualTo(ZipEntry.DEFLATED);
            // members are exactly what NpyWriter writes, i.e. what numpy.save writes
            assertThat(z.getInputStream(z.getEntry("conv1.weight.npy")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(path("f8_kernel_2x3x3x3.npy")));
        }
    }

    @Test
    void emptyArchive() throws Exception {
        Path p = dir.resolve("none.npz");
        NpzWriter.write(p, Map.of());
        assertThat(NpzReader.read(p)).isEmpty();
    }
}
