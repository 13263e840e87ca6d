package io.lipschitz4j.io;

import java.nio.ByteBuffer;

/**
 * The safetensors element types this library reads, all converted to {@code double}, and writes
 * ({@link #F64}, {@link #F32}). Data are little-endian. Precision: F16, BF16, F32, I32 convert exactly;
 * I64 values of magnitude above 2<sup>53</sup> round to the nearest double. Writing F32 rounds each
 * double to the nearest float.
 */
public enum SafetensorsDtype {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4);

    private final int size;

    SafetensorsDtype(int size) { this.size = size; }

    /** Bytes per element. */
    public int size() { return size; }

    /** The dtype spelled as in the header, or null when it is not one of these. */
    static SafetensorsDtype parse(String s) {
        for (SafetensorsDtype d : values()) if (d.name().equals(s)) return d;
        return null;
    }

    /** Element {@code i} of a little-endian buffer holding this type, as a double. */
    double get(ByteBuffer b, int i) {
        return switch (this) {
            case F64 -> b.getDouble(8 * i);
            case F32 -> b.getFloat(4 * i);
            case F16 -> Half.toDouble(b.getShort(2 * i));
            case BF16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
            case I64 -> (double) b.getLong(8 * i);
            case I32 -> b.getInt(4 * i);
        };
    }

    /** Stores {@code v} as element {@code i} (only F64 and F32 are written). */
    void put(ByteBuffer b, int i, double v) {
        switch (this) {
            case F64 -> b.putDouble(8 * i, v);
            case F32 -> b.putFloat(4 * i, (float) v);
            default -> throw new UnsupportedOperationException("writing " + this + " is not supported; write F64 or F32");
        }
    }
}
