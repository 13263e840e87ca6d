package io.lipschitz4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types this library reads from .npy files, all converted to {@code double}:
 * floats {@code f2} (IEEE half), {@code f4}, {@code f8}; signed integers {@code i1, i2, i4, i8};
 * unsigned integers {@code u1, u2, u4, u8}; and booleans {@code b1} (0 or 1). Byte order is
 * {@code <} (little), {@code >} (big) or {@code |} (not applicable, one-byte types only).
 *
 * <p>Precision: f2, f4, all 1-4 byte integers and b1 convert exactly; {@code i8}/{@code u8} values of
 * magnitude above 2<sup>53</sup> are rounded to the nearest double.
 *
 * @param descr the NumPy type string as found, e.g. {@code <f8}
 * @param kind  {@code 'f'}, {@code 'i'}, {@code 'u'} or {@code 'b'}
 * @param size  bytes per element
 * @param order byte order of multi-byte elements
 */
record NpyDtype(String descr, char kind, int size, ByteOrder order) {

    static final String EXPECTED = "a real float or integer dtype such as <f8 or <f4";

    /** Little-endian float64, the type the writers produce. */
    static final NpyDtype F8 = new NpyDtype("<f8", 'f', 8, ByteOrder.LITTLE_ENDIAN);

    /** Parses a descr; throws naming {@code header.descr} for anything not in the list above. */
    static NpyDtype parse(Object descr, InputName in) throws ArrayFormatException {
        if (!(descr instanceof String s)) {
            String what = descr instanceof java.util.List ? "structured dtype " : "dtype ";
            throw in.error("header.descr", "unsupported " + what + PyLiteral.repr(descr), EXPECTED);
        }
        if (s.length() == 3) {
            char bo = s.charAt(0);
            char kind = s.charAt(1);
            char digit = s.charAt(2);
            int size = Character.isDigit(digit) ? digit - '0' : -1;
            boolean known = switch (kind) {
                case 'f' -> size == 2 || size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'b' -> size == 1;
                default -> false;
            };
            boolean orderOk = bo == '<' || bo == '>' || (bo == '|' && size == 1);
            if (known && orderOk) {
                return new NpyDtype(s, kind, size, bo == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw in.error("header.descr", "unsupported dtype '" + s + "'", EXPECTED);
    }

    /**
     * Decodes {@code count} elements from {@code src} (starting at its position, which advances) into
     * {@code dst[dstOff..]}.
     */
    void decode(ByteBuffer src, double[] dst, int dstOff, int count) {
        ByteBuffer b = src.order(order);
        int end = dstOff + count;
        switch (kind) {
            case 'f' -> {
                if (size == 8) for (int i = dstOff; i < end; i++) dst[i] = b.getDouble();
                else if (size == 4) for (int i = dstOff; i < end; i++) dst[i] = b.getFloat();
                else for (int i = dstOff; i < end; i++) dst[i] = Half.toDouble(b.getShort());
            }
            case 'i' -> {
                switch (size) {
                    case 1 -> { for (int i = dstOff; i < end; i++) dst[i] = b.get(); }
                    case 2 -> { for (int i = dstOff; i < end; i++) dst[i] = b.getShort(); }
                    case 4 -> { for (int i = dstOff; i < end; i++) dst[i] = b.getInt(); }
                    default -> { for (int i = dstOff; i < end; i++) dst[i] = b.getLong(); }
                }
            }
            case 'u' -> {
                switch (size) {
                    case 1 -> { for (int i = dstOff; i < end; i++) dst[i] = Byte.toUnsignedInt(b.get()); }
                    case 2 -> { for (int i = dstOff; i < end; i++) dst[i] = Short.toUnsignedInt(b.getShort()); }
                    case 4 -> { for (int i = dstOff; i < end; i++) dst[i] = Integer.toUnsignedLong(b.getInt()); }
                    default -> { for (int i = dstOff; i < end; i++) dst[i] = unsignedToDouble(b.getLong()); }
                }
            }
            default -> { for (int i = dstOff; i < end; i++) dst[i] = b.get() != 0 ? 1.0 : 0.0; }
        }
    }

    /** The unsigned 64-bit value of {@code v} rounded to the nearest double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) return v;
        // v = 2*(v>>>1) + (v&1); keep the low bit as a sticky bit so the halving rounds correctly
        return 2.0 * ((v >>> 1) | (v & 1));
    }
}
