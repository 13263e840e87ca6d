package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a {@link Tensor} as a NumPy {@code .npy} file: little-endian float64 ({@code <f8}), C order,
 * format version 1.0 with the header padded so the data starts at a multiple of 64 bytes, byte for
 * byte what {@code numpy.save} writes for the same array. Cost O(n), memory a 64 KiB buffer.
 */
public final class NpyWriter {
    private static final int CHUNK_DOUBLES = 1 << 13;

    private NpyWriter() {}

    /**
     * Writes {@code tensor} to {@code file} atomically (temporary file in the same directory, then an
     * atomic rename), replacing any existing file.
     */
    public static void write(Path file, Tensor tensor) throws IOException {
        AtomicFiles.write(file, out -> write(out, tensor));
    }

    /** Writes {@code tensor} in .npy format to {@code out}, which is flushed but not closed. */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        out.write(NpyHeader.encodeF8(tensor.shape()));
        double[] data = tensor.data();
        ByteBuffer buf = ByteBuffer.allocate(8 * Math.min(CHUNK_DOUBLES, Math.max(data.length, 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; ) {
            buf.clear();
            int n = Math.min(buf.capacity() / 8, data.length - i);
            buf.asDoubleBuffer().put(data, i, n);
            out.write(buf.array(), 0, 8 * n);
            i += n;
        }
        out.flush();
    }
}
