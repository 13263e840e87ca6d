package io.lipschitz4j.nn.eval;

import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GroupSort;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.Tanh;
import io.lipschitz4j.nn.lipschitz.LayerNorms;
import io.lipschitz4j.spectral.Bound;

import java.util.ArrayList;
import java.util.List;

/**
 * Certified ℓ₂ Lipschitz upper bounds of a {@link Sequential} network, layer by layer, and their product
 * L = Π Lᵢ (the composition rule Lip(f∘g) ≤ Lip(f)·Lip(g)), every multiplication rounded up.
 *
 * <p>Per layer: Dense — Gram iteration UPPER on ‖W‖₂; Conv2d — {@code CertifiedConvNorm} UPPER on the
 * operator with the layer's real geometry (input size from the shape walk, padding, stride, dilation,
 * groups; see {@link LayerNorms}); biases do not change the constant. ReLU, Tanh, MaxMin, GroupSort,
 * Flatten: 1 (Flatten is a reshape; MaxMin/GroupSort permute coordinates). LeakyReLU(α): max(1, |α|).
 * AvgPool2d: √(⌈kH/sH⌉⌈kW/sW⌉/(kH·kW)) ({@link AvgPool2d#lipschitzUpper}). Other layers are rejected.
 */
public final class LipschitzBounds {
    private LipschitzBounds() {}

    /** One layer's bound: path, description, value, and the spectral engine's {@link Bound} where one was computed. */
    public record LayerBound(String path, String layer, double value, Bound bound) {}

    /** The per-layer bounds and their certified product. */
    public record Report(List<LayerBound> layers, double product) {}

    /** Bounds for a model fed samples of {@code inputShape} (without the batch axis). */
    public static Report of(Layer model, int... inputShape) {
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            List<LayerBound> out = new ArrayList<>();
            walk(model, "", inputShape.clone(), out);
            double l = 1;
            for (LayerBound b : out) l = Math.nextUp(l * b.value());
            return new Report(List.copyOf(out), l);
        } finally {
            Precision.set(old);
        }
    }

    private static int[] walk(Layer l, String path, int[] shape, List<LayerBound> out) {
        if (l instanceof Sequential s) {
            for (int i = 0; i < s.layers().size(); i++) shape = walk(s.layers().get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, shape, out);
            return shape;
        }
        out.add(bound(l, path, shape));
        return l.outputShape(shape);
    }

    private static LayerBound bound(Layer l, String path, int[] shape) {
        if (l instanceof Dense d) {
            Bound b = LayerNorms.upper(d);
            return new LayerBound(path, l.toString(), b.value(), b);
        }
        if (l instanceof Conv2d c) {
            if (shape.length != 3) throw new IllegalArgumentException("Conv2d at " + path + " needs [C, H, W] samples, got " + java.util.Arrays.toString(shape));
            Bound b = LayerNorms.upper(c, shape[1], shape[2]);
            return new LayerBound(path, l.toString(), b.value(), b);
        }
        if (l instanceof ReLU || l instanceof Tanh || l instanceof MaxMin || l instanceof GroupSort || l instanceof Flatten) {
            return new LayerBound(path, l.toString(), 1.0, null);
        }
        if (l instanceof LeakyReLU r) return new LayerBound(path, l.toString(), Math.max(1.0, Math.abs(r.negativeSlope())), null);
        if (l instanceof AvgPool2d p) return new LayerBound(path, l.toString(), p.lipschitzUpper(), null);
        throw new IllegalArgumentException("no Lipschitz bound for layer " + path + " (" + l + ")");
    }
}
