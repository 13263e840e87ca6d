package io.lipschitz4j.nn;

import java.util.Arrays;

/**
 * NumPy broadcasting of sample shapes (shapes aligned at the right, missing leading axes and axes of
 * size 1 repeat), as ONNX's multidirectional broadcasting. Index maps are plain int arrays built once per
 * shape pair, so the layers' loops stay a gather y[i] = f(a[ia[i]], b[ib[i]]).
 */
final class Broadcast {
    private Broadcast() {}

    /** The broadcast of two shapes, or an IllegalArgumentException naming {@code who} and both shapes. */
    static int[] shape(String who, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(who + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** True when {@code from} broadcasts to exactly {@code to} (no axis of {@code to} grows). */
    static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            for (int i = 0; i < from.length - to.length; i++) if (from[i] != 1) return false;
            from = Arrays.copyOfRange(from, from.length - to.length, from.length);
        }
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) if (from[i] != 1 && from[i] != to[i + off]) return false;
        return true;
    }

    /**
     * For every C-order index of {@code to}, the index of the entry of {@code from} it reads, where
     * {@code from} broadcasts to {@code to} (leading axes of size 1 beyond the rank of {@code to} allowed).
     */
    static int[] map(int[] from, int[] to) {
        if (!broadcastsTo(from, to)) throw new IllegalArgumentException("shape " + Arrays.toString(from) + " does not broadcast to " + Arrays.toString(to));
        if (from.length > to.length) from = Arrays.copyOfRange(from, from.length - to.length, from.length);
        int r = to.length, off = r - from.length;
        int[] stride = new int[r];
        int s = 1;
        for (int i = r - 1; i >= 0; i--) {
            int d = i < off ? 1 : from[i - off];
            stride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int n = (int) io.lipschitz4j.linalg.Tensor.sizeOf(to);
        int[] out = new int[n], idx = new int[r];
        int cur = 0;
        for (int k = 0; k < n; k++) {
            out[k] = cur;
            for (int ax = r - 1; ax >= 0; ax--) {
                if (++idx[ax] < to[ax]) {
                    cur += stride[ax];
                    break;
                }
                cur -= stride[ax] * (idx[ax] - 1);
                idx[ax] = 0;
            }
        }
        return out;
    }
}
