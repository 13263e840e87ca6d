package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * Permutes the sample axes: y[n, i_{π(0)}, …] with output axis k taken from input sample axis π(k)
 * (NumPy's {@code transpose} with the batch axis fixed first). A permutation of entries: Lipschitz
 * constant 1. Backward applies the inverse permutation. Cost O(size).
 */
public final class Transpose implements Layer {
    private final int[] perm;
    private int[] inShape;

    public Transpose(int... samplePerm) {
        boolean[] seen = new boolean[samplePerm.length];
        for (int p : samplePerm) {
            if (p < 0 || p >= samplePerm.length || seen[p]) throw new IllegalArgumentException("Transpose: " + Arrays.toString(samplePerm) + " is not a permutation of 0.." + (samplePerm.length - 1));
            seen[p] = true;
        }
        this.perm = samplePerm.clone();
    }

    public int[] samplePerm() { return perm.clone(); }

    @Override
    public Tensor forward(Tensor x) {
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        int[] out = outputShape(sample);
        inShape = x.shape();
        return permute(x, sample, perm, out);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inShape == null || g.size() != Tensor.sizeOf(inShape)) throw new IllegalArgumentException("Transpose: gradient " + g + " does not match the last forward");
        int[] inv = new int[perm.length];
        for (int k = 0; k < perm.length; k++) inv[perm[k]] = k;
        int[] sample = Arrays.copyOfRange(g.shape(), 1, g.rank());
        return permute(g, sample, inv, Arrays.copyOfRange(inShape, 1, inShape.length));
    }

    /** y with sample axes out[k] = in[p[k]]. */
    private static Tensor permute(Tensor x, int[] in, int[] p, int[] out) {
        int r = in.length, n = x.dim(0), m = (int) Tensor.sizeOf(in);
        int[] inStride = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) { inStride[i] = s; s *= in[i]; }
        int[] step = new int[r]; // input offset step per output axis
        for (int k = 0; k < r; k++) step[k] = inStride[p[k]];
        double[] a = x.data(), y = new double[a.length];
        int[] idx = new int[r];
        for (int b = 0; b < n; b++) {
            int base = b * m, cur = 0;
            Arrays.fill(idx, 0);
            for (int q = 0; q < m; q++) {
                y[base + q] = a[base + cur];
                for (int ax = r - 1; ax >= 0; ax--) {
                    if (++idx[ax] < out[ax]) { cur += step[ax]; break; }
                    cur -= step[ax] * (idx[ax] - 1);
                    idx[ax] = 0;
                }
            }
        }
        int[] full = new int[r + 1];
        full[0] = n;
        System.arraycopy(out, 0, full, 1, r);
        return new Tensor(full, y);
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != perm.length) throw new IllegalArgumentException("Transpose" + Arrays.toString(perm) + " expects samples of rank " + perm.length + ", got " + Arrays.toString(in));
        int[] out = new int[in.length];
        for (int k = 0; k < in.length; k++) out[k] = in[perm[k]];
        return out;
    }

    @Override public String toString() { return "Transpose" + Arrays.toString(perm); }
}
