package io.lipschitz4j.onnx;

/** ONNX {@code TensorProto.DataType} codes the importer reads, with names for messages. */
final class DataTypes {
    private DataTypes() {}

    static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, STRING = 8, BOOL = 9,
            FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13, BFLOAT16 = 16;

    static String name(int t) {
        return switch (t) {
            case FLOAT -> "float32"; case UINT8 -> "uint8"; case INT8 -> "int8"; case UINT16 -> "uint16"; case INT16 -> "int16";
            case INT32 -> "int32"; case INT64 -> "int64"; case STRING -> "string"; case BOOL -> "bool"; case FLOAT16 -> "float16";
            case DOUBLE -> "float64"; case UINT32 -> "uint32"; case UINT64 -> "uint64"; case BFLOAT16 -> "bfloat16";
            default -> "type " + t;
        };
    }

    /** Bytes per element in raw_data, or −1 for types the importer does not read. */
    static int bytes(int t) {
        return switch (t) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> -1;
        };
    }

    static boolean isFloat(int t) { return t == FLOAT || t == DOUBLE || t == FLOAT16 || t == BFLOAT16; }

    /**
     * IEEE 754 binary16 bits → double (exact): sign, 5-bit exponent (bias 15), 10-bit fraction;
     * subnormals, infinities and NaN included.
     */
    static double halfToDouble(int bits) {
        int sign = (bits >>> 15) & 1, exp = (bits >>> 10) & 0x1f, frac = bits & 0x3ff;
        double v;
        if (exp == 0) v = frac * 0x1p-24;
        else if (exp == 31) v = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        else v = (1024 + frac) * Math.scalb(1.0, exp - 25);
        return sign == 1 ? -v : v;
    }

    /** bfloat16 bits (the high half of a float32) → double. */
    static double bfloat16ToDouble(int bits) { return Float.intBitsToFloat((bits & 0xffff) << 16); }
}
