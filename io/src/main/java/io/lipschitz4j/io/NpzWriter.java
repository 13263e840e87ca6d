package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npz} archives: one {@code NAME.npy} member per map entry (in the map's
 * iteration order), each written by {@link NpyWriter} as little-endian float64. {@link #write} stores
 * members uncompressed like {@code numpy.savez}; {@link #writeCompressed} deflates them like
 * {@code numpy.savez_compressed}. The archive is written atomically (temporary file in the same
 * directory, then an atomic rename). Stored members are serialized twice (once for the CRC and size
 * the zip format needs up front, once for real), so no member is buffered in memory.
 */
public final class NpzWriter {
    private NpzWriter() {}

    /** Writes the arrays uncompressed, as {@code numpy.savez} does. */
    public static void write(Path archive, Map<String, Tensor> arrays) throws IOException {
        write(archive, arrays, false);
    }

    /** Writes the arrays deflated, as {@code numpy.savez_compressed} does. */
    public static void writeCompressed(Path archive, Map<String, Tensor> arrays) throws IOException {
        write(archive, arrays, true);
    }

    private static void write(Path archive, Map<String, Tensor> arrays, boolean deflate) throws IOException {
        for (String name : arrays.keySet()) {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("array names must be non-empty");
        }
        AtomicFiles.write(archive, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setMethod(deflate ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    CountingStream counter = new CountingStream();
                    NpyWriter.write(new CheckedOutputStream(counter, crc), a.getValue());
                    e.setSize(counter.count);
                    e.setCompressedSize(counter.count);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                NpyWriter.write(zip, a.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Discards bytes, counting them. */
    private static final class CountingStream extends OutputStream {
        long count;
        @Override public void write(int b) { count++; }
        @Override public void write(byte[] b, int off, int len) { count += len; }
    }
}
