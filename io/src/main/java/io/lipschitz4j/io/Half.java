package io.lipschitz4j.io;

/** IEEE 754 binary16 ("half", NumPy {@code float16}) to double; exact, as every half is a double. */
final class Half {
    private Half() {}

    /** The value of the half-precision number whose bits are {@code bits}. */
    static double toDouble(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) != 0 ? -1 : 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return mant == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        if (exp == 0) return sign * Math.scalb((double) mant, -24);           // zero and subnormals
        return sign * Math.scalb((double) (mant | 0x400), exp - 25);          // normal: 1.m × 2^(exp-15)
    }
}
