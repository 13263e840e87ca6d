package io.lipschitz4j.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header dictionary of a .npy file, {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}:
 * parsing it (with the checks NumPy makes, plus sizes that fit a Java array) and writing it the way
 * {@code numpy.save} does.
 *
 * @param dtype        element type
 * @param fortranOrder whether the data is stored column-major
 * @param shape        dimensions (empty for a 0-d array)
 */
record NpyHeader(NpyDtype dtype, boolean fortranOrder, int[] shape) {

    /** The magic string that starts every .npy file: {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the start of the data to this many bytes. */
    static final int ALIGN = 64;
    /** NumPy leaves room to rewrite the first dimension with up to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** The largest Java array (some VMs reserve a few header words). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Number of elements (product of the shape; 1 for 0-d). */
    int count() { return (int) sizeOf(shape); }

    /** Parses the header text (without magic, version and length prefix). */
    static NpyHeader parse(String text, InputName in) throws ArrayFormatException {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxException e) {
            throw in.error("header", "cannot parse header " + quote(text) + ": " + e.getMessage(),
                    "a Python dict literal like {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }");
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw in.error("header", "header is not a dict: " + quote(text), "a Python dict literal");
        }
        if (!dict.keySet().equals(KEYS)) {
            Set<String> keys = new TreeSet<>();
            for (Object k : dict.keySet()) keys.add(PyLiteral.repr(k));
            throw in.error("header", "header keys are " + keys, "exactly 'descr', 'fortran_order' and 'shape'");
        }
        NpyDtype dtype = NpyDtype.parse(dict.get("descr"), in);
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw in.error("header.fortran_order", "not a bool: " + PyLiteral.repr(dict.get("fortran_order")),
                    "True or False");
        }
        int[] shape = parseShape(dict.get("shape"), in);
        return new NpyHeader(dtype, fortran, shape);
    }

    private static int[] parseShape(Object value, InputName in) throws ArrayFormatException {
        if (!(value instanceof PyLiteral.Tuple tuple)) {
            throw in.error("header.shape", "not a tuple: " + PyLiteral.repr(value), "a tuple of non-negative integers");
        }
        List<Object> items = tuple.items();
        int[] shape = new int[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof BigInteger d)) {
                throw in.error("header.shape", "dimension " + i + " is not an integer in " + tuple,
                        "a tuple of non-negative integers");
            }
            if (d.signum() < 0) {
                throw in.error("header.shape", "negative dimension " + d + " in " + tuple, "non-negative dimensions");
            }
            if (d.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
                throw in.error("header.shape", "dimension " + d + " in " + tuple + " is too large",
                        "at most " + MAX_ELEMENTS + " elements (the largest Java array)");
            }
            shape[i] = d.intValue();
        }
        if (sizeOf(shape) > MAX_ELEMENTS) {
            throw in.error("header.shape", "shape " + tuple + " has " + bigSize(items) + " elements",
                    "at most " + MAX_ELEMENTS + " elements (the largest Java array)");
        }
        return shape;
    }

    /** Product of the dimensions, saturating at Long.MAX_VALUE. */
    static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d == 0) return 0;
            if (n > Long.MAX_VALUE / d) n = Long.MAX_VALUE; else n *= d;
        }
        return n;
    }

    private static BigInteger bigSize(List<Object> items) {
        BigInteger n = BigInteger.ONE;
        for (Object o : items) n = n.multiply((BigInteger) o);
        return n;
    }

    /** The header as Python writes it, cut and escaped for a one-line message. */
    private static String quote(String text) {
        String t = text.strip();
        if (t.length() > 120) t = t.substring(0, 120) + "...";
        return "\"" + t + "\"";
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String shapeRepr(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ", ").append(shape[i]);
        return b.append(')').toString();
    }

    /**
     * The full preamble (magic, version, header length, header) for a little-endian float64 C-order
     * array, byte for byte as {@code numpy.save} writes it: version 1.0 (2.0 if the header does not fit
     * in 65535 bytes), keys sorted, spare room for the first dimension to grow, padded with spaces and
     * a final newline so the data starts at a multiple of 64 bytes.
     */
    static byte[] encodeF8(int[] shape) {
        String dict = "{'descr': '" + NpyDtype.F8.descr() + "', 'fortran_order': False, 'shape': "
                + shapeRepr(shape) + ", }";
        if (shape.length > 0) dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length());
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int lengthBytes = 2;
        int hlen = text.length + 1;                                      // + final newline
        int pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ALIGN);  // NumPy pads a full 64 when aligned
        if (hlen + pad > 0xffff) {
            lengthBytes = 4;
            pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ALIGN);
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (lengthBytes == 2 ? 1 : 2)).put((byte) 0);
        if (lengthBytes == 2) b.putShort((short) (hlen + pad)); else b.putInt(hlen + pad);
        b.put(text);
        for (int i = 0; i < pad; i++) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    @Override public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype.equals(dtype) && h.fortranOrder == fortranOrder
                && Arrays.equals(h.shape, shape);
    }

    @Override public int hashCode() { return 31 * (31 * dtype.hashCode() + Boolean.hashCode(fortranOrder)) + Arrays.hashCode(shape); }

    @Override public String toString() {
        return "{'descr': '" + dtype.descr() + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeRepr(shape) + "}";
    }
}
