package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) into a C-order {@link Tensor}.
 *
 * <p>Element types {@code f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1} in either byte order are converted to
 * double (see {@link NpyDtype} for precision). Everything else is rejected with an
 * {@link ArrayFormatException} naming the input and the field: a wrong magic string, an unknown
 * version, a truncated or unparsable header, an unsupported dtype (complex, object, strings,
 * structured), a Fortran-order array, a shape too large for a Java array, truncated data and, for
 * files, bytes left over after the data.
 *
 * <p>Fortran order: an array saved with {@code fortran_order: True} is refused rather than silently
 * transposed, because it is almost always a sign that the producer meant something else; save it with
 * {@code np.save(f, np.ascontiguousarray(a))}. Arrays with at most one dimension larger than 1 have the
 * same layout in both orders and are accepted.
 *
 * <p>Cost: one pass over the data, O(n) time, memory n doubles plus a 64 KiB buffer.
 * Format reference: <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.
 */
public final class NpyReader {
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final int INITIAL_ELEMENTS = 1 << 20;
    private static final String MAGIC_TEXT = "\\x93NUMPY";

    private NpyReader() {}

    /** Reads a .npy file; the file must end right after the data. */
    public static Tensor read(Path file) throws IOException {
        InputName in = InputName.of(file);
        long size = Files.size(file);
        try (InputStream s = Files.newInputStream(file)) {
            return read(s, in, size, true);
        }
    }

    /** Reads a .npy file and requires every entry to be finite (see {@link Finite#requireFinite}). */
    public static Tensor readFinite(Path file) throws IOException {
        return Finite.requireFinite(read(file), file);
    }

    /**
     * Reads one array from a stream and leaves the stream positioned right after its data, so several
     * arrays written one after another can be read in turn, as {@code numpy.load} allows. As the
     * length is unknown, memory grows with the data that actually arrives, not with the shape claimed.
     *
     * @param source the name used for the input in error messages
     */
    public static Tensor read(InputStream stream, String source) throws IOException {
        return read(stream, InputName.stream(source), -1, false);
    }

    /**
     * @param length     the number of bytes in the input, or -1 when unknown; when known, a truncated
     *                   file is reported before anything is allocated
     * @param requireEnd whether the input must end right after the data
     */
    static Tensor read(InputStream s, InputName in, long length, boolean requireEnd) throws IOException {
        int version = readMagicAndVersion(s, in, length);
        int lengthBytes = version == 1 ? 2 : 4;
        byte[] lenBytes = s.readNBytes(lengthBytes);
        if (lenBytes.length < lengthBytes) {
            throw in.error("header", "truncated header length: input ends after " + (8 + lenBytes.length) + " bytes",
                    lengthBytes + " bytes of header length after the version");
        }
        long headerLength = lengthBytes == 2
                ? Short.toUnsignedInt(ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getShort())
                : Integer.toUnsignedLong(ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (headerLength > MAX_HEADER_BYTES) {
            throw in.error("header", "header length " + headerLength + " bytes", "at most " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] headerBytes = s.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw in.error("header", "truncated header: " + headerBytes.length + " of " + headerLength + " bytes present",
                    "the " + headerLength + " header bytes that the length field announces");
        }
        NpyHeader header = NpyHeader.parse(decodeHeader(headerBytes, version, in), in);
        checkLayout(header, in);

        long dataOffset = 8L + lengthBytes + headerLength;
        long dataBytes = (long) header.count() * header.dtype().size();
        if (length >= 0) {
            long present = Math.max(0, length - dataOffset);
            if (present < dataBytes) throw truncated(in, header, dataBytes, present);
            if (requireEnd && present > dataBytes) {
                throw in.error("data", (present - dataBytes) + " extra bytes after the data of shape "
                        + NpyHeader.shapeRepr(header.shape()) + " " + header.dtype().descr(),
                        "exactly " + dataBytes + " data bytes after the " + dataOffset + "-byte header");
            }
        }
        double[] data = readData(s, header, in, dataBytes, length < 0);
        if (requireEnd && length < 0 && s.read() >= 0) {
            throw in.error("data", "extra bytes after the data of shape " + NpyHeader.shapeRepr(header.shape()) + " "
                    + header.dtype().descr(), "exactly " + dataBytes + " data bytes");
        }
        return new Tensor(header.shape(), data);
    }

    private static int readMagicAndVersion(InputStream s, InputName in, long length) throws IOException {
        byte[] magic = s.readNBytes(NpyHeader.MAGIC.length);
        if (magic.length < NpyHeader.MAGIC.length) {
            throw in.error("magic", "input is only " + magic.length + " bytes long",
                    "a .npy file starting with " + MAGIC_TEXT);
        }
        if (!Arrays.equals(magic, NpyHeader.MAGIC)) {
            boolean zip = magic[0] == 'P' && magic[1] == 'K';
            throw in.error("magic", "not a .npy file: starts with " + escape(magic)
                    + (zip ? " (a zip archive: read .npz files with NpzReader)" : ""), MAGIC_TEXT);
        }
        byte[] version = s.readNBytes(2);
        if (version.length < 2) {
            throw in.error("version", "input ends inside the version bytes", "format version 1.0, 2.0 or 3.0");
        }
        int major = Byte.toUnsignedInt(version[0]);
        int minor = Byte.toUnsignedInt(version[1]);
        if (minor != 0 || major < 1 || major > 3) {
            throw in.error("version", "unsupported format version " + major + "." + minor, "1.0, 2.0 or 3.0");
        }
        return major;
    }

    private static String decodeHeader(byte[] bytes, int version, InputName in) throws ArrayFormatException {
        if (version < 3) return new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw in.error("header", "header of a version 3.0 file is not valid UTF-8", "UTF-8 text");
        }
    }

    private static void checkLayout(NpyHeader header, InputName in) throws ArrayFormatException {
        if (!header.fortranOrder()) return;
        int nonTrivial = 0;
        for (int d : header.shape()) if (d > 1) nonTrivial++;
        if (nonTrivial > 1) {
            throw in.error("header.fortran_order", "array of shape " + NpyHeader.shapeRepr(header.shape())
                    + " is stored in Fortran (column-major) order",
                    "a C-order array; save it with np.save(f, np.ascontiguousarray(a))");
        }
    }

    /**
     * Reads and decodes the data in 64 KiB chunks. With {@code grow} (input length unknown) the array
     * starts at most {@link #INITIAL_ELEMENTS} long and doubles as data arrives, so a header that claims
     * a huge shape over a short stream fails as truncated instead of allocating gigabytes first.
     */
    private static double[] readData(InputStream s, NpyHeader header, InputName in, long dataBytes, boolean grow)
            throws IOException {
        int count = header.count();
        int size = header.dtype().size();
        double[] data = new double[grow ? Math.min(count, INITIAL_ELEMENTS) : count];
        byte[] buf = new byte[(int) Math.min(CHUNK_BYTES, Math.max(dataBytes, 1))];
        int perChunk = buf.length / size;
        long done = 0;
        for (int i = 0; i < count; i += perChunk) {
            int n = Math.min(perChunk, count - i);
            int got = s.readNBytes(buf, 0, n * size);
            if (got < n * size) throw truncated(in, header, dataBytes, done + got);
            if (i + n > data.length) data = Arrays.copyOf(data, (int) Math.min(count, Math.max(2L * data.length, i + n)));
            header.dtype().decode(ByteBuffer.wrap(buf, 0, got), data, i, n);
            done += got;
        }
        return data;
    }

    private static ArrayFormatException truncated(InputName in, NpyHeader header, long expected, long found) {
        return in.error("data", "truncated data: " + found + " bytes present for shape "
                + NpyHeader.shapeRepr(header.shape()) + " " + header.dtype().descr(), expected + " bytes");
    }

    private static String escape(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = Byte.toUnsignedInt(x);
            if (c >= 0x20 && c < 0x7f && c != '\\') b.append((char) c);
            else b.append(String.format("\\x%02x", c));
        }
        return b.toString();
    }
}
