package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/** The {@link Dense} and {@link Conv2d} layers of a model, with their paths ("1", "0.3") as in parameter names. */
public final class LinearLayers {
    private LinearLayers() {}

    /** A linear layer and its path in the model (PyTorch-style, "" for the model itself). */
    public record Entry(String path, Layer layer, int[] inputShape) {
        /** Spatial input size {H, W} of a Conv2d: from the shape walk, else from its last forward, else null. */
        public int[] spatialSize() {
            if (inputShape != null && inputShape.length == 3) return new int[] {inputShape[1], inputShape[2]};
            return layer instanceof Conv2d c ? c.lastInputSize() : null;
        }
        public String key(String suffix) { return (path.isEmpty() ? "" : path + ".") + suffix; }
    }

    /** Walks {@link Sequential} containers depth first; a {@link Graph} is rejected (its layers are not exposed). */
    public static List<Entry> of(Layer model) { return of(model, (int[]) null); }

    /** Also records each layer's sample input shape, propagated from {@code inputShape} (without batch axis) by {@link Layer#outputShape}. */
    public static List<Entry> of(Layer model, int... inputShape) {
        List<Entry> out = new ArrayList<>();
        walk(model, "", inputShape, out);
        return out;
    }

    private static int[] walk(Layer l, String path, int[] shape, List<Entry> out) {
        if (l instanceof Sequential s) {
            for (int i = 0; i < s.layers().size(); i++) shape = walk(s.layers().get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, shape, out);
            return shape;
        } else if (l instanceof Graph) {
            throw new UnsupportedOperationException("Lipschitz control and bounds walk Sequential models; a Graph at '" + path + "' is not supported yet");
        }
        if (l instanceof Dense || l instanceof Conv2d) out.add(new Entry(path, l, shape == null ? null : shape.clone()));
        return shape == null ? null : l.outputShape(shape);
    }
}
