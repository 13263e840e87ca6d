package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks that loaded arrays hold only finite numbers, so a NaN or infinity in an input file is
 * reported as bad input (naming the file and the first bad entry) instead of poisoning a result.
 * Cost O(n) until the first bad entry.
 */
public final class Finite {
    private Finite() {}

    /**
     * Returns {@code tensor} if every entry is finite; otherwise throws an {@link ArrayFormatException}
     * with field {@code data} that names {@code file}, the first non-finite value, its C-order flat
     * index and its multi-index.
     */
    public static Tensor requireFinite(Tensor tensor, Path file) throws ArrayFormatException {
        return requireFinite(tensor, InputName.of(file));
    }

    /** As {@link #requireFinite(Tensor, Path)}, naming the input {@code source} (e.g. an archive member). */
    public static Tensor requireFinite(Tensor tensor, String source) throws ArrayFormatException {
        return requireFinite(tensor, InputName.stream(source));
    }

    static Tensor requireFinite(Tensor tensor, InputName in) throws ArrayFormatException {
        int bad = tensor.firstNonFinite();
        if (bad < 0) return tensor;
        double v = tensor.data()[bad];
        throw in.error("data", (Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf") + " at flat index " + bad
                + ", index " + Arrays.toString(multiIndex(bad, tensor.shape())), "finite values only");
    }

    /** The multi-index of a C-order flat index (last axis fastest). */
    static int[] multiIndex(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            idx[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return idx;
    }
}
