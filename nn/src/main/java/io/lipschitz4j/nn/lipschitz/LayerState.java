package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Persistent power-iteration vectors of the linear layers of one model, keyed by layer path, created
 * on first use (or eagerly by {@link #bind}, so that a checkpoint can be restored before the first step).
 */
final class LayerState {
    private final long seed;
    private final boolean convOperator;
    private final Map<String, PowerVectors> vectors = new LinkedHashMap<>();

    /** convOperator: power iteration on the true conv operator (else on the reshaped kernel). */
    LayerState(long seed, boolean convOperator) {
        this.seed = seed;
        this.convOperator = convOperator;
    }

    private final Map<String, LinearMap> maps = new LinkedHashMap<>();

    /** The map a power iteration runs on for this layer (cached per layer and input size; it reads the live weights). */
    LinearMap map(LinearLayers.Entry e) {
        int[] hw = e.spatialSize();
        String key = e.path() + "@" + System.identityHashCode(e.layer()) + (hw == null ? "" : "@" + hw[0] + "x" + hw[1]);
        return maps.computeIfAbsent(key, k -> newMap(e));
    }

    private LinearMap newMap(LinearLayers.Entry e) {
        if (e.layer() instanceof Dense d) return LinearMap.of(d);
        Conv2d c = (Conv2d) e.layer();
        if (!convOperator) return LinearMap.reshape(c);
        int[] hw = e.spatialSize();
        if (hw == null) throw new IllegalStateException("layer " + e.path() + " (" + c + "): input size unknown; run a forward or bind with the input shape");
        return LinearMap.operator(c, hw[0], hw[1]);
    }

    /** The vectors of a layer, created (seeded by its path) when first needed. */
    PowerVectors vectors(LinearLayers.Entry e, LinearMap m) {
        return vectors.computeIfAbsent(e.path(), p -> new PowerVectors(m.rows(), m.cols(), PowerVectors.seedFor(seed, p)));
    }

    private int[] inputShape;

    /** Creates the vectors of every linear layer of the model for the given sample input shape (remembered for later walks). */
    void bind(Layer model, int... inputShape) {
        this.inputShape = inputShape.clone();
        for (LinearLayers.Entry e : LinearLayers.of(model, inputShape)) vectors(e, map(e));
    }

    /** The linear layers of the model, with input shapes when bound (else conv sizes come from the last forward). */
    List<LinearLayers.Entry> entries(Layer model) { return LinearLayers.of(model, inputShape); }

    /** Live arrays keyed {@code path.u}, {@code path.v}. */
    Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        vectors.forEach((p, v) -> {
            s.put((p.isEmpty() ? "" : p + ".") + "u", v.u);
            s.put((p.isEmpty() ? "" : p + ".") + "v", v.v);
        });
        return s;
    }
}
