package io.lipschitz4j.onnx;

import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Merge;

import java.util.List;

/**
 * A node of the imported network before it becomes an nn {@code Graph}: the rewrites in {@link Fusions}
 * (x·σ(x) → SiLU, hard-swish patterns, folding of adjacent elementwise affine maps) work on a list of
 * these. {@code inputs} name the graph input or earlier nodes; exactly one of layer and merge is set.
 */
record IrNode(String name, Layer layer, Merge merge, List<String> inputs) {
    static IrNode layer(String name, Layer l, String input) { return new IrNode(name, l, null, List.of(input)); }

    static IrNode merge(String name, Merge m, List<String> inputs) { return new IrNode(name, null, m, List.copyOf(inputs)); }

    Object op() { return layer != null ? layer : merge; }
}
