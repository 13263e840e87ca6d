package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Elementwise sum y = x₁ + … + x_k of inputs of one shape (the residual connection y = f(x) + x).
 * Backward passes ∂L/∂y unchanged to every input. Lipschitz constant of x ↦ f(x) + x is at most
 * Lip(f) + 1.
 */
public final class Add implements Merge {
    private int inputs;

    @Override
    public Tensor forward(List<Tensor> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("Add needs at least one input");
        int[] shape = xs.get(0).shape();
        double[] y = xs.get(0).data().clone();
        for (int i = 1; i < xs.size(); i++) {
            Tensor t = xs.get(i);
            if (!Arrays.equals(shape, t.shape())) {
                throw new IllegalArgumentException("Add: input " + i + " has shape " + t + ", input 0 has " + Arrays.toString(shape));
            }
            double[] d = t.data();
            for (int j = 0; j < y.length; j++) y[j] += d[j];
        }
        inputs = xs.size();
        return new Tensor(shape, y);
    }

    @Override
    public List<Tensor> backward(Tensor g) {
        List<Tensor> out = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) out.add(g); // read-only downstream: sharing is safe
        return out;
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        for (int[] s : shapes) {
            if (!Arrays.equals(s, shapes.get(0))) throw new IllegalArgumentException("Add: input shapes differ: " + Arrays.toString(s) + " vs " + Arrays.toString(shapes.get(0)));
        }
        return shapes.get(0).clone();
    }

    @Override public String toString() { return "Add"; }
}
