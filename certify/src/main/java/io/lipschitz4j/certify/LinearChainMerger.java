package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges linear chains of a network before bounding, because Lip(A∘B) ≤ ‖AB‖₂ is tighter than
 * ‖A‖₂‖B‖₂. Rules (applied until none fires), each only where the first node's value is read by the
 * second alone and is not the network output:
 * <ul>
 *   <li>Dense(W₁, b₁) then Dense(W₂, b₂) → Dense(W₂W₁, W₂b₁ + b₂), when W₂W₁ has at most
 *       {@code maxEntries} entries (so wide-narrow-wide chains do not blow up);</li>
 *   <li>Dense or Conv2d then a per-output-channel affine map y ↦ s⊙y + t (BatchNorm at inference)
 *       → the same layer with rows (output channels) scaled by s and bias s⊙b + t.</li>
 * </ul>
 * The merged network computes the same function up to rounding (products re-associated). Merged nodes
 * are named {@code first+second}. Cost: one matrix product per Dense merge, O(kernel) per fold.
 */
public final class LinearChainMerger {
    private LinearChainMerger() {}

    /** A merged network and one line per merge performed. */
    public record Merged(Graph network, List<String> merges) {
        public Merged { merges = List.copyOf(merges); }
    }

    record Result(FlatNet net, List<String> merges) {}

    /**
     * The merged form of {@code model} (for samples of {@code inputShape}) as an nn {@link Graph}; layers
     * that were not merged are the same instances as in {@code model}, so run one of the two at a time.
     */
    public static Merged merge(Layer model, int[] inputShape, long maxEntries) {
        Result r = merge(FlatNet.of(model, inputShape), maxEntries);
        return new Merged(r.net().toGraph(), r.merges());
    }

    static Result merge(FlatNet net, long maxEntries) {
        List<String> log = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] consumers = net.consumers();
            for (int j = 0; j < net.nodes.size() && !changed; j++) {
                FlatNet.Node b = net.nodes.get(j);
                if (b.layer() == null) continue;
                int v = b.inputs()[0];
                if (v == 0 || consumers[v] != 1 || v == net.output) continue;
                FlatNet.Node a = net.nodes.get(v - 1);
                if (a.layer() == null) continue;
                Layer m = mergePair(a.layer(), b.layer(), maxEntries);
                if (m == null) continue;
                log.add(a.name() + " (" + a.layer() + ") + " + b.name() + " (" + b.layer() + ") -> " + m);
                net = replace(net, v - 1, j, new FlatNet.Node(a.name() + "+" + b.name(), m, null, a.inputs(), b.shape()));
                changed = true;
            }
        }
        return new Result(net, log);
    }

    /** The single layer equal to b∘a, or null when no rule applies. */
    static Layer mergePair(Layer a, Layer b, long maxEntries) {
        if (a instanceof Dense d1 && b instanceof Dense d2) {
            if ((long) d2.outFeatures() * d1.inFeatures() > maxEntries) return null;
            DenseMatrix w1 = d1.weight().asMatrix(), w2 = d2.weight().asMatrix();
            DenseMatrix w = w2.times(w1);
            Tensor bias = null;
            if (d1.bias() != null || d2.bias() != null) {
                double[] bb = new double[d2.outFeatures()];
                if (d1.bias() != null) {
                    double[] b1 = d1.bias().data();
                    for (int i = 0; i < bb.length; i++) {
                        double s = 0;
                        for (int k = 0; k < b1.length; k++) s += w2.get(i, k) * b1[k];
                        bb[i] = s;
                    }
                }
                if (d2.bias() != null) for (int i = 0; i < bb.length; i++) bb[i] += d2.bias().data()[i];
                bias = new Tensor(new int[] {bb.length}, bb);
            }
            return new Dense(new Tensor(new int[] {w.rows(), w.cols()}, w.data()), bias);
        }
        if (b instanceof ElementwiseAffine e) {
            if (a instanceof ElementwiseAffine first) return first.andThen(e);
            if (a instanceof Dense d) {
                double[][] st = perChannel(e, d.outFeatures(), 1);
                if (st == null) return null;
                double[] w = d.weight().data().clone();
                int in = d.inFeatures();
                double[] bias = new double[d.outFeatures()];
                for (int o = 0; o < bias.length; o++) {
                    for (int k = 0; k < in; k++) w[o * in + k] *= st[0][o];
                    bias[o] = (d.bias() == null ? 0 : d.bias().data()[o]) * st[0][o] + st[1][o];
                }
                return new Dense(new Tensor(d.weight().shape(), w), new Tensor(new int[] {bias.length}, bias));
            }
            if (a instanceof Conv2d c) {
                Conv2dSpec sp = c.spec();
                double[][] st = perChannel(e, sp.outChannels(), 3);
                if (st == null) return null;
                double[] k = c.weight().data().clone();
                int per = k.length / sp.outChannels();
                double[] bias = new double[sp.outChannels()];
                for (int o = 0; o < bias.length; o++) {
                    for (int q = 0; q < per; q++) k[o * per + q] *= st[0][o];
                    bias[o] = (c.bias() == null ? 0 : c.bias().data()[o]) * st[0][o] + st[1][o];
                }
                return new Conv2d(sp.withBias(true), new Tensor(c.weight().shape(), k), new Tensor(new int[] {bias.length}, bias));
            }
        }
        return null;
    }

    /**
     * Scale and shift of {@code e} per output channel (axis 0 of a sample of rank {@code rank} with
     * {@code channels} channels), or null when they vary along another axis.
     */
    private static double[][] perChannel(ElementwiseAffine e, int channels, int rank) {
        double[] s = perChannel(e.scale(), channels, rank), t = perChannel(e.shift(), channels, rank);
        return s == null || t == null ? null : new double[][] {s, t};
    }

    private static double[] perChannel(Tensor t, int channels, int rank) {
        int[] sh = t.shape();
        if (sh.length > rank) return null;
        for (int i = 0; i < sh.length; i++) {
            int axis = rank - sh.length + i; // right-aligned broadcasting
            if (axis == 0 ? sh[i] != 1 && sh[i] != channels : sh[i] != 1) return null;
        }
        double[] v = new double[channels];
        for (int o = 0; o < channels; o++) v[o] = t.size() == 1 ? t.data()[0] : t.data()[o];
        return v;
    }

    /** Removes node i, puts {@code merged} in place of node j (reading node i's inputs), renumbers values. */
    private static FlatNet replace(FlatNet net, int i, int j, FlatNet.Node merged) {
        List<FlatNet.Node> nodes = new ArrayList<>();
        for (int k = 0; k < net.nodes.size(); k++) {
            if (k == i) continue;
            FlatNet.Node n = k == j ? merged : net.nodes.get(k);
            int[] ins = n.inputs().clone();
            for (int q = 0; q < ins.length; q++) if (ins[q] > i + 1) ins[q]--;
            nodes.add(new FlatNet.Node(n.name(), n.layer(), n.merge(), ins, n.shape()));
        }
        int out = net.output > i + 1 ? net.output - 1 : net.output;
        return new FlatNet(net.inputShape, nodes, out);
    }
}
