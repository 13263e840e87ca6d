package io.lipschitz4j.certify;

import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Merge;
import io.lipschitz4j.nn.Sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A network flattened to one DAG of leaf operations: nested {@link Sequential}s and {@link Graph}s are
 * inlined, node names joined with '/' (Sequential children by position, Graph nodes by name, e.g.
 * {@code layer1/0/conv1}). Value 0 is the network input, value i + 1 the output of node i; nodes are in
 * topological order and carry their sample output shape (no batch axis), computed once here.
 * Package-private: the analyses share it, the public API speaks in node names.
 */
final class FlatNet {
    /** One leaf operation: exactly one of layer and merge is non-null; inputs are value indices. */
    record Node(String name, Layer layer, Merge merge, int[] inputs, int[] shape) {
        Object op() { return layer != null ? layer : merge; }
    }

    static final String INPUT = "input";

    final int[] inputShape;
    final List<Node> nodes;
    final int output;

    FlatNet(int[] inputShape, List<Node> nodes, int output) {
        this.inputShape = inputShape.clone();
        this.nodes = List.copyOf(nodes);
        this.output = output;
    }

    static FlatNet of(Layer model, int... inputShape) {
        List<Node> nodes = new ArrayList<>();
        int out = inline(model, "", 0, inputShape.clone(), nodes);
        return new FlatNet(inputShape, nodes, out);
    }

    int[] shape(int value) { return value == 0 ? inputShape.clone() : nodes.get(value - 1).shape().clone(); }

    String name(int value) { return value == 0 ? INPUT : nodes.get(value - 1).name(); }

    int[] outputShape() { return shape(output); }

    /** How many nodes read each value (the network output counts as one more reader). */
    int[] consumers() {
        int[] c = new int[nodes.size() + 1];
        for (Node n : nodes) for (int k : n.inputs()) c[k]++;
        c[output]++;
        return c;
    }

    /** An nn {@link Graph} computing the same function (the same layer instances; use one of the two at a time). */
    Graph toGraph() {
        Graph.Builder b = Graph.builder(INPUT);
        for (Node n : nodes) {
            if (n.layer() != null) b.layer(n.name(), n.layer(), name(n.inputs()[0]));
            else {
                String[] in = new String[n.inputs().length];
                for (int j = 0; j < in.length; j++) in[j] = name(n.inputs()[j]);
                b.merge(n.name(), n.merge(), in);
            }
        }
        return b.build(name(output));
    }

    private static String join(String prefix, String name) { return prefix.isEmpty() ? name : prefix + "/" + name; }

    /** Appends the leaves of {@code l} reading value {@code in} (of sample shape {@code shape}); returns the value index of its output. */
    private static int inline(Layer l, String prefix, int in, int[] shape, List<Node> nodes) {
        if (l instanceof Sequential s) {
            int v = in;
            for (int i = 0; i < s.layers().size(); i++) {
                Layer c = s.layers().get(i);
                v = inline(c, join(prefix, String.valueOf(i)), v, shape, nodes);
                shape = v == 0 ? shape : nodes.get(v - 1).shape();
            }
            return v;
        }
        if (l instanceof Graph g) {
            Map<String, Integer> idx = new HashMap<>();
            Map<Integer, int[]> shapes = new HashMap<>();
            idx.put(g.inputName(), in);
            shapes.put(in, shape);
            for (Graph.NodeView nv : g.nodes()) {
                String name = join(prefix, nv.name());
                if (nv.layer() != null) {
                    int src = idx.get(nv.inputs().get(0));
                    int v = inline(nv.layer(), name, src, shapes.get(src), nodes);
                    idx.put(nv.name(), v);
                    shapes.put(v, v == 0 ? shapes.get(src) : nodes.get(v - 1).shape());
                } else {
                    int[] ins = new int[nv.inputs().size()];
                    List<int[]> inShapes = new ArrayList<>();
                    for (int j = 0; j < ins.length; j++) {
                        ins[j] = idx.get(nv.inputs().get(j));
                        inShapes.add(shapes.get(ins[j]));
                    }
                    int[] os = outShape(name, () -> nv.merge().outputShape(inShapes));
                    nodes.add(new Node(name, null, nv.merge(), ins, os));
                    idx.put(nv.name(), nodes.size());
                    shapes.put(nodes.size(), os);
                }
            }
            return idx.get(g.outputName());
        }
        String name = prefix.isEmpty() ? "0" : prefix;
        final int[] s = shape;
        int[] os = outShape(name, () -> l.outputShape(s));
        nodes.add(new Node(name, l, null, new int[] {in}, os));
        return nodes.size();
    }

    private static int[] outShape(String node, java.util.function.Supplier<int[]> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + node + ": " + e.getMessage(), e);
        }
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("FlatNet(" + Arrays.toString(inputShape));
        for (Node n : nodes) b.append("; ").append(n.name()).append(" = ").append(n.op()).append(Arrays.toString(n.inputs()));
        return b.append(')').toString();
    }
}
