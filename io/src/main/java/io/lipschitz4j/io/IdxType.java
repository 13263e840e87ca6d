package io.lipschitz4j.io;

import java.nio.ByteBuffer;

/**
 * Element types of the IDX format (LeCun and Cortes, MNIST database page), coded by the third byte of
 * the magic number. All multi-byte values are big-endian.
 */
public enum IdxType {
    UBYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

    private final int code;
    private final int size;

    IdxType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    /** The type code as written in byte 2 of the magic number. */
    public int code() { return code; }

    /** Bytes per element. */
    public int size() { return size; }

    /** The type for a code, or {@code null} when the code is not one of the six IDX types. */
    static IdxType ofCode(int code) {
        for (IdxType t : values()) if (t.code == code) return t;
        return null;
    }

    /** Element {@code i} of big-endian raw data, exactly as a double (every IDX type fits). */
    double get(ByteBuffer bigEndian, int i) {
        return switch (this) {
            case UBYTE -> Byte.toUnsignedInt(bigEndian.get(i));
            case BYTE -> bigEndian.get(i);
            case SHORT -> bigEndian.getShort(i * 2);
            case INT -> bigEndian.getInt(i * 4);
            case FLOAT -> bigEndian.getFloat(i * 4);
            case DOUBLE -> bigEndian.getDouble(i * 8);
        };
    }
}
