package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An array read from an IDX file, kept in its file representation (big-endian raw bytes) so that a
 * 60 000 × 28 × 28 image file costs 47 MB as bytes instead of 376 MB as doubles. Convert slices on
 * demand with {@link #get(int)} or {@link #unsignedByte(int)}, or everything with {@link #toTensor()}.
 *
 * @param type  element type
 * @param shape dimensions, C order (last index fastest), as in the file header
 * @param raw   the data bytes, big-endian, {@code count() * type.size()} of them (shared, not copied)
 */
public record IdxArray(IdxType type, int[] shape, byte[] raw) {

    public IdxArray {
        shape = shape.clone();
        long n = Tensor.sizeOf(shape);
        if (n * type.size() != raw.length) {
            throw new IllegalArgumentException("shape needs " + n * type.size() + " bytes of " + type + ", got " + raw.length);
        }
    }

    @Override public int[] shape() { return shape.clone(); }

    /** Number of elements. */
    public int count() { return raw.length / type.size(); }

    public int rank() { return shape.length; }

    public int dim(int axis) { return shape[axis]; }

    /** Element at C-order flat index {@code i}, exactly converted to double. */
    public double get(int i) { return type.get(ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN), i); }

    /** Element {@code i} of a {@link IdxType#UBYTE} array, 0..255, without conversion cost. */
    public int unsignedByte(int i) {
        if (type != IdxType.UBYTE) throw new IllegalStateException("not an unsigned-byte array: " + type);
        return Byte.toUnsignedInt(raw[i]);
    }

    /** All elements as a C-order double tensor of the same shape (exact for every IDX type). */
    public Tensor toTensor() {
        double[] d = new double[count()];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < d.length; i++) d[i] = type.get(b, i);
        return new Tensor(shape, d);
    }
}
