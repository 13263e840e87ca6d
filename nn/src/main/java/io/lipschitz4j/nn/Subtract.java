package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * y = x₀ − x₁ of two inputs of one shape; backward gives (g, −g). As a map of (x₀, x₁) its ℓ₂ Lipschitz
 * constant is √2; of x through two branches f, h it is at most Lip(f) + Lip(h).
 */
public final class Subtract implements Merge {
    private boolean ran;

    @Override
    public Tensor forward(List<Tensor> xs) {
        if (xs.size() != 2) throw new IllegalArgumentException("Subtract needs 2 inputs, got " + xs.size());
        Tensor a = xs.get(0), b = xs.get(1);
        if (!Arrays.equals(a.shape(), b.shape())) throw new IllegalArgumentException("Subtract: shapes " + a + " and " + b + " differ");
        double[] x = a.data(), z = b.data(), y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] - z[i];
        ran = true;
        return new Tensor(a.shape(), y);
    }

    @Override
    public List<Tensor> backward(Tensor g) {
        if (!ran) throw new IllegalStateException("Subtract: backward without forward");
        double[] gd = g.data(), m = new double[gd.length];
        for (int i = 0; i < m.length; i++) m[i] = -gd[i];
        return List.of(g, new Tensor(g.shape(), m));
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        if (shapes.size() != 2) throw new IllegalArgumentException("Subtract needs 2 inputs, got " + shapes.size());
        if (!Arrays.equals(shapes.get(0), shapes.get(1))) throw new IllegalArgumentException("Subtract: input shapes " + Arrays.toString(shapes.get(0)) + " and " + Arrays.toString(shapes.get(1)) + " differ");
        return shapes.get(0).clone();
    }

    @Override public String toString() { return "Subtract"; }
}
