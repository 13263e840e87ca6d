package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * GroupSort activation (Anil, Lucas and Grosse, ICML 2019, §4): the channel axis (axis 1) is cut into
 * consecutive groups of {@code groupSize} channels, and each group is sorted in ascending order,
 * independently at every spatial position. Group size 2 sorts each consecutive pair (the same function
 * as {@link MaxMin} up to a fixed output permutation); group size C is "FullSort".
 *
 * <p>Sorting permutes each group, so the Jacobian is a permutation: 1-Lipschitz and gradient-norm
 * preserving. Backward sends ∂L/∂y of each sorted position back to the input position it came from
 * (ties keep input order, a stable sort). Cost O(N·C·log k) per call.
 */
public final class GroupSort implements Layer {
    private final int k;
    private int[] source; // source[flat output index] = flat input index
    private int[] shape;

    public GroupSort(int groupSize) {
        if (groupSize < 1) throw new IllegalArgumentException("group size " + groupSize);
        this.k = groupSize;
    }

    public int groupSize() { return k; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.dim(1) % k != 0) {
            throw new IllegalArgumentException("GroupSort(" + k + ") needs channel axis 1 divisible by " + k + ", got " + x);
        }
        shape = x.shape();
        int n = x.dim(0), c = x.dim(1), inner = n == 0 ? 0 : x.size() / n / c;
        double[] a = x.data(), y = new double[a.length];
        source = new int[a.length];
        Integer[] idx = new Integer[k];
        for (int s = 0; s < n; s++) {
            for (int grp = 0; grp < c / k; grp++) {
                int base = (s * c + grp * k) * inner;
                for (int pos = 0; pos < inner; pos++) {
                    for (int j = 0; j < k; j++) idx[j] = base + j * inner + pos;
                    Arrays.sort(idx, (p, q) -> Double.compare(a[p], a[q])); // stable
                    for (int j = 0; j < k; j++) {
                        int out = base + j * inner + pos;
                        source[out] = idx[j];
                        y[out] = a[idx[j]];
                    }
                }
            }
        }
        return new Tensor(shape, y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (source == null || !Arrays.equals(shape, g.shape())) throw new IllegalArgumentException("GroupSort: gradient " + g + " does not match the last forward");
        double[] gd = g.data(), dx = new double[gd.length];
        for (int i = 0; i < gd.length; i++) dx[source[i]] = gd[i];
        return new Tensor(shape, dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    @Override public String toString() { return "GroupSort(" + k + ")"; }
}
