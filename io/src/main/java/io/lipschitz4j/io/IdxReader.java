package io.lipschitz4j.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected by the
 * gzip magic {@code 1f 8b}, not by the file name).
 *
 * <p>Layout (big-endian): magic {@code 00 00 TT RR} where {@code TT} is the element type
 * ({@link IdxType}: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double) and
 * {@code RR} the number of dimensions; then {@code RR} unsigned 32-bit dimensions; then the data in C
 * order. So {@code 00 00 08 03} is a rank-3 ubyte image file and {@code 00 00 08 01} a label file.
 *
 * <p>Every malformed input raises an {@link ArrayFormatException} naming the file and the field:
 * {@code magic} (the two leading zero bytes), {@code header.type}, {@code header.rank},
 * {@code header.dims} (a dimension or total size out of range, or not the expected dims),
 * {@code data} (truncated data, or bytes after it), {@code gzip} (a corrupt compressed stream).
 *
 * <p>Cost: one pass, O(n) time; memory the data bytes (kept as bytes, see {@link IdxArray}). For a raw
 * file a truncated one is reported before allocating; for gzip the buffer grows with the data that
 * actually arrives, so a header claiming a huge shape cannot force a huge allocation.
 */
public final class IdxReader {
    /** Arrays of at most this many bytes (Java array limit, with the usual VM headroom). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final int MAX_RANK = 32;

    private IdxReader() {}

    /** Reads an IDX file, raw or gzip; the file must end right after the data. */
    public static IdxArray read(Path file) throws IOException {
        InputName in = InputName.of(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
                    return read(gz, in, -1);
                } catch (ZipException | EOFException e) {
                    throw in.error("gzip", "corrupt or truncated gzip stream (" + e.getMessage() + ")", "a complete gzip file");
                }
            }
            return read(raw, in, Files.size(file));
        }
    }

    /**
     * Reads an IDX file and checks its element type and dimensions.
     *
     * @param type the element type required
     * @param dims the dimensions required, one per axis; -1 accepts any size on that axis
     */
    public static IdxArray read(Path file, IdxType type, int... dims) throws IOException {
        IdxArray a = read(file);
        InputName in = InputName.of(file);
        if (a.type() != type) {
            throw in.error("header.type", "element type " + a.type(), type + " (code 0x" + hex(type.code()) + ")");
        }
        boolean ok = a.rank() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) ok = dims[i] < 0 || dims[i] == a.dim(i);
        if (!ok) throw in.error("header.dims", "dims " + Arrays.toString(a.shape()), dimsText(dims));
        return a;
    }

    /**
     * Reads one IDX array from an uncompressed stream and requires the stream to end after it.
     *
     * @param source the name of the input in error messages
     */
    public static IdxArray read(InputStream stream, String source) throws IOException {
        return read(stream, InputName.stream(source), -1);
    }

    /** @param length bytes in the input, or -1 when unknown (gzip, streams) */
    static IdxArray read(InputStream s, InputName in, long length) throws IOException {
        byte[] magic = s.readNBytes(4);
        if (magic.length < 4) {
            throw in.error("magic", "input is only " + magic.length + " bytes long", "a 4-byte IDX magic 00 00 TT RR");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw in.error("magic", "not an IDX file: starts with " + hexBytes(magic), "00 00 TT RR (e.g. 00 00 08 03)");
        }
        IdxType type = IdxType.ofCode(Byte.toUnsignedInt(magic[2]));
        if (type == null) {
            throw in.error("header.type", "unknown element type code 0x" + hex(Byte.toUnsignedInt(magic[2])),
                    "08 ubyte, 09 byte, 0B short, 0C int, 0D float or 0E double");
        }
        int rank = Byte.toUnsignedInt(magic[3]);
        if (rank < 1 || rank > MAX_RANK) {
            throw in.error("header.rank", "rank " + rank, "1 to " + MAX_RANK + " dimensions");
        }
        byte[] dimBytes = s.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw in.error("header.dims", "truncated header: " + dimBytes.length + " of " + 4 * rank + " dimension bytes present",
                    rank + " big-endian 32-bit dimensions");
        }
        int[] shape = new int[rank];
        long count = 1;
        ByteBuffer db = ByteBuffer.wrap(dimBytes); // big-endian by default
        for (int i = 0; i < rank; i++) {
            long d = Integer.toUnsignedLong(db.getInt(4 * i));
            if (d > Integer.MAX_VALUE) throw in.error("header.dims", "dimension " + i + " is " + d, "at most " + Integer.MAX_VALUE);
            shape[i] = (int) d;
            count *= d;
            if (count * type.size() > MAX_BYTES) {
                throw in.error("header.dims", "dims " + Arrays.toString(Arrays.copyOf(shape, i + 1)) + "... need more than "
                        + MAX_BYTES + " bytes", "an array that fits in a Java array");
            }
        }
        long headerBytes = 4L + 4L * rank;
        int dataBytes = (int) (count * type.size());
        if (length >= 0) {
            long present = Math.max(0, length - headerBytes);
            if (present < dataBytes) throw truncated(in, type, shape, dataBytes, present);
            if (present > dataBytes) throw extra(in, type, shape, dataBytes, present - dataBytes + " extra bytes");
        }
        byte[] data = s.readNBytes(dataBytes); // JDK reads in chunks: memory grows with the data present
        if (data.length < dataBytes) throw truncated(in, type, shape, dataBytes, data.length);
        if (length < 0 && s.read() >= 0) throw extra(in, type, shape, dataBytes, "extra bytes");
        return new IdxArray(type, shape, data);
    }

    private static ArrayFormatException truncated(InputName in, IdxType type, int[] shape, long expected, long found) {
        return in.error("data", "truncated data: " + found + " bytes present for " + type + " " + Arrays.toString(shape),
                expected + " bytes");
    }

    private static ArrayFormatException extra(InputName in, IdxType type, int[] shape, long expected, String what) {
        return in.error("data", what + " after the data of " + type + " " + Arrays.toString(shape),
                "exactly " + expected + " data bytes");
    }

    private static String dimsText(int[] dims) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) b.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "*" : String.valueOf(dims[i]));
        return b.append(']').toString();
    }

    private static String hex(int b) { return String.format("%02X", b); }

    private static String hexBytes(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) b.append(b.length() > 0 ? " " : "").append(hex(Byte.toUnsignedInt(x)));
        return b.toString();
    }
}
