package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Concatenation of k inputs along one sample axis (ONNX {@code Concat}, {@code torch.cat}); all other
 * axes must agree. y = [x₁; …; x_k] is a coordinate permutation of the stacked inputs, so
 * ‖y‖² = Σ‖xᵢ‖² and the map (x₁, …, x_k) ↦ y is 1-Lipschitz. Backward slices ∂L/∂y back.
 */
public final class Concat implements Merge {
    private final int axis;
    private List<int[]> inShapes;

    /** {@code sampleAxis} counts sample axes from 0 (batch axis excluded). */
    public Concat(int sampleAxis) {
        if (sampleAxis < 0) throw new IllegalArgumentException("Concat: sample axis " + sampleAxis + " must be >= 0");
        this.axis = sampleAxis;
    }

    public int sampleAxis() { return axis; }

    @Override
    public Tensor forward(List<Tensor> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("Concat needs at least one input");
        List<int[]> samples = new ArrayList<>();
        int n = xs.get(0).dim(0);
        for (Tensor t : xs) {
            if (t.rank() < 1 || t.dim(0) != n) throw new IllegalArgumentException("Concat: input " + t + " has a batch different from " + n);
            samples.add(Arrays.copyOfRange(t.shape(), 1, t.rank()));
        }
        int[] out = outputShape(samples);
        int outer = n;
        for (int i = 0; i < axis; i++) outer *= out[i];
        int inner = 1;
        for (int i = axis + 1; i < out.length; i++) inner *= out[i];
        int rowOut = out[axis] * inner;
        double[] y = new double[outer * rowOut];
        int off = 0;
        for (Tensor t : xs) {
            int row = t.dim(axis + 1) * inner;
            double[] a = t.data();
            for (int o = 0; o < outer; o++) System.arraycopy(a, o * row, y, o * rowOut + off, row);
            off += row;
        }
        inShapes = new ArrayList<>();
        for (Tensor t : xs) inShapes.add(t.shape());
        int[] full = new int[out.length + 1];
        full[0] = n;
        System.arraycopy(out, 0, full, 1, out.length);
        return new Tensor(full, y);
    }

    @Override
    public List<Tensor> backward(Tensor g) {
        if (inShapes == null) throw new IllegalStateException("Concat: backward without forward");
        int outer = g.dim(0);
        for (int i = 0; i < axis; i++) outer *= g.dim(i + 1);
        int inner = 1;
        for (int i = axis + 2; i < g.rank(); i++) inner *= g.dim(i);
        int rowOut = g.dim(axis + 1) * inner, off = 0;
        List<Tensor> out = new ArrayList<>();
        for (int[] s : inShapes) {
            int row = s[axis + 1] * inner;
            double[] d = new double[outer * row];
            for (int o = 0; o < outer; o++) System.arraycopy(g.data(), o * rowOut + off, d, o * row, row);
            off += row;
            out.add(new Tensor(s, d));
        }
        return out;
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        int[] first = shapes.get(0);
        if (axis >= first.length) throw new IllegalArgumentException("Concat: axis " + axis + " out of range for samples " + Arrays.toString(first));
        int[] out = first.clone();
        for (int k = 1; k < shapes.size(); k++) {
            int[] s = shapes.get(k);
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == axis || s[i] == first[i];
            if (!ok) throw new IllegalArgumentException("Concat on axis " + axis + ": input " + k + " has shape " + Arrays.toString(s) + ", input 0 has " + Arrays.toString(first));
            out[axis] += s[axis];
        }
        return out;
    }

    @Override public String toString() { return "Concat(axis " + axis + ")"; }
}
