package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small directed acyclic graph of layers with one input and one output, itself a {@link Layer} (so it
 * nests in a {@link Sequential}). Nodes are added after their inputs, which makes insertion order a
 * topological order; a node is a {@link Layer} (one input) or a {@link Merge} (several, e.g. {@link Add}).
 *
 * <pre>{@code
 * Graph block = Graph.builder("x")
 *     .layer("conv1", new Conv2d(spec, rng), "x")
 *     .layer("act", new MaxMin(), "conv1")
 *     .merge("sum", new Add(), "act", "x")
 *     .build("sum");
 * }</pre>
 *
 * <p>Backward walks the nodes in reverse order; a value used by several nodes receives the sum of their
 * gradients (the multivariate chain rule). Nodes that do not reach the output are skipped in backward.
 * Parameters are named {@code node.name}.
 */
public final class Graph implements Layer {
    private record Node(String name, Layer layer, Merge merge, int[] inputs) {}

    private final String inputName;
    private final List<Node> nodes; // node i has value index i + 1; value 0 is the graph input
    private final int output;
    private Tensor[] values;

    private Graph(String inputName, List<Node> nodes, int output) {
        this.inputName = inputName;
        this.nodes = List.copyOf(nodes);
        this.output = output;
    }

    public static Builder builder(String inputName) { return new Builder(inputName); }

    /**
     * A read-only view of one node for analyses that walk the graph (bounds, export): exactly one of
     * {@code layer} and {@code merge} is non-null; {@code inputs} name the graph input or earlier nodes.
     */
    public record NodeView(String name, Layer layer, Merge merge, List<String> inputs) {}

    /** The graph input's name. */
    public String inputName() { return inputName; }

    /** The output node's name (the input's name when the graph is the identity). */
    public String outputName() { return valueName(output); }

    /** The nodes in insertion order, which is a topological order. */
    public List<NodeView> nodes() {
        List<NodeView> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            List<String> in = new ArrayList<>(n.inputs().length);
            for (int k : n.inputs()) in.add(valueName(k));
            out.add(new NodeView(n.name(), n.layer(), n.merge(), List.copyOf(in)));
        }
        return List.copyOf(out);
    }

    private String valueName(int k) { return k == 0 ? inputName : nodes.get(k - 1).name(); }

    /** Builds a graph node by node; each input names the graph input or an earlier node. */
    public static final class Builder {
        private final String inputName;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Map<Object, String> used = new IdentityHashMap<>();

        private Builder(String inputName) {
            this.inputName = inputName;
            index.put(inputName, 0);
        }

        public Builder layer(String name, Layer layer, String input) {
            return add(new Node(name, layer, null, resolve(name, input)), layer);
        }

        public Builder merge(String name, Merge merge, String... inputs) {
            if (inputs.length == 0) throw new IllegalArgumentException("merge node " + name + " has no inputs");
            return add(new Node(name, null, merge, resolve(name, inputs)), merge);
        }

        private int[] resolve(String node, String... inputs) {
            int[] ix = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Integer k = index.get(inputs[i]);
                if (k == null) throw new IllegalArgumentException("node " + node + ": unknown input '" + inputs[i] + "' (add nodes after their inputs)");
                ix[i] = k;
            }
            return ix;
        }

        private Builder add(Node n, Object op) {
            if (n.name().isEmpty() || n.name().contains(".")) throw new IllegalArgumentException("node name must be non-empty without '.': '" + n.name() + "'");
            if (index.containsKey(n.name())) throw new IllegalArgumentException("duplicate node name " + n.name());
            String prev = used.put(op, n.name());
            if (prev != null) throw new IllegalArgumentException("node " + n.name() + " reuses the instance of node " + prev + "; a layer holds one forward's state");
            nodes.add(n);
            index.put(n.name(), nodes.size());
            return this;
        }

        public Graph build(String output) {
            Integer k = index.get(output);
            if (k == null) throw new IllegalArgumentException("unknown output node '" + output + "'");
            return new Graph(inputName, nodes, k);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        values = new Tensor[nodes.size() + 1];
        values[0] = x;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.layer() != null) {
                values[i + 1] = n.layer().forward(values[n.inputs()[0]]);
            } else {
                List<Tensor> in = new ArrayList<>(n.inputs().length);
                for (int j : n.inputs()) in.add(values[j]);
                values[i + 1] = n.merge().forward(in);
            }
        }
        return values[output];
    }

    @Override
    public Tensor backward(Tensor g) {
        if (values == null) throw new IllegalStateException("Graph: backward without forward");
        Tensor[] grads = new Tensor[values.length];
        grads[output] = g;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Tensor gi = grads[i + 1];
            if (gi == null) continue;
            Node n = nodes.get(i);
            if (n.layer() != null) {
                accumulate(grads, n.inputs()[0], n.layer().backward(gi));
            } else {
                List<Tensor> gs = n.merge().backward(gi);
                for (int j = 0; j < n.inputs().length; j++) accumulate(grads, n.inputs()[j], gs.get(j));
            }
        }
        return grads[0] != null ? grads[0] : Tensor.zeros(values[0].shape());
    }

    /** grads[k] += t, never writing into a tensor that may be shared (a fresh array on the second term). */
    private static void accumulate(Tensor[] grads, int k, Tensor t) {
        if (grads[k] == null) {
            grads[k] = t;
            return;
        }
        double[] a = grads[k].data(), b = t.data(), s = new double[a.length];
        if (a.length != b.length) throw new IllegalArgumentException("Graph: gradients of one value differ in shape");
        for (int j = 0; j < s.length; j++) s[j] = a[j] + b[j];
        grads[k] = new Tensor(grads[k].shape(), s);
    }

    @Override
    public int[] outputShape(int... in) {
        int[][] shapes = new int[nodes.size() + 1][];
        shapes[0] = in.clone();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.layer() != null) {
                shapes[i + 1] = n.layer().outputShape(shapes[n.inputs()[0]]);
            } else {
                List<int[]> s = new ArrayList<>();
                for (int j : n.inputs()) s.add(shapes[j]);
                shapes[i + 1] = n.merge().outputShape(s);
            }
        }
        return shapes[output];
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Node n : nodes) {
            if (n.layer() != null) for (Parameter p : n.layer().parameters()) ps.add(p.withPrefix(n.name()));
        }
        return ps;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Graph(" + inputName);
        for (Node n : nodes) {
            b.append("; ").append(n.name()).append(" = ").append(n.layer() != null ? n.layer() : n.merge()).append(Arrays.toString(n.inputs()));
        }
        return b.append(")").toString();
    }
}
