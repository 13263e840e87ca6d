package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * y = x₀ ⊙ x₁, the elementwise product of two inputs with NumPy broadcasting over the sample axes (the
 * batch sizes must agree), e.g. [C, H, W] ⊙ [C, 1, 1] for a squeeze-and-excitation gate. Backward:
 * ∂L/∂x₀ = Σ_broadcast g ⊙ x₁ and ∂L/∂x₁ = Σ_broadcast g ⊙ x₀. Bilinear, hence not globally Lipschitz;
 * on a box |x₀| ≤ a, |x₁| ≤ b it is locally Lipschitz with a constant depending on a and b. Cost O(size).
 */
public final class Multiply implements Merge {
    private Tensor a, b;
    private int[] mapA, mapB, outSample;

    @Override
    public Tensor forward(List<Tensor> xs) {
        if (xs.size() != 2) throw new IllegalArgumentException("Multiply needs 2 inputs, got " + xs.size());
        a = xs.get(0);
        b = xs.get(1);
        if (a.rank() < 1 || b.rank() < 1 || a.dim(0) != b.dim(0)) throw new IllegalArgumentException("Multiply: batch sizes of " + a + " and " + b + " differ");
        int[] sa = Arrays.copyOfRange(a.shape(), 1, a.rank()), sb = Arrays.copyOfRange(b.shape(), 1, b.rank());
        outSample = Broadcast.shape("Multiply", sa, sb);
        mapA = Broadcast.map(sa, outSample);
        mapB = Broadcast.map(sb, outSample);
        int n = a.dim(0), m = mapA.length, ma = a.size() / Math.max(1, n), mb = b.size() / Math.max(1, n);
        double[] x = a.data(), z = b.data(), y = new double[n * m];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < m; i++) y[s * m + i] = x[s * ma + mapA[i]] * z[s * mb + mapB[i]];
        }
        int[] full = new int[outSample.length + 1];
        full[0] = n;
        System.arraycopy(outSample, 0, full, 1, outSample.length);
        return new Tensor(full, y);
    }

    @Override
    public List<Tensor> backward(Tensor g) {
        if (a == null) throw new IllegalStateException("Multiply: backward without forward");
        int n = a.dim(0), m = mapA.length, ma = a.size() / Math.max(1, n), mb = b.size() / Math.max(1, n);
        if (g.size() != n * m) throw new IllegalArgumentException("Multiply: gradient " + g + " does not match the last forward");
        double[] x = a.data(), z = b.data(), gd = g.data(), da = new double[x.length], db = new double[z.length];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < m; i++) {
                double gi = gd[s * m + i];
                int ia = s * ma + mapA[i], ib = s * mb + mapB[i];
                da[ia] += gi * z[ib];
                db[ib] += gi * x[ia];
            }
        }
        return List.of(new Tensor(a.shape(), da), new Tensor(b.shape(), db));
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        if (shapes.size() != 2) throw new IllegalArgumentException("Multiply needs 2 inputs, got " + shapes.size());
        return Broadcast.shape("Multiply", shapes.get(0), shapes.get(1));
    }

    @Override public String toString() { return "Multiply"; }
}
