package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Subtract;
import io.lipschitz4j.nn.Tanh;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Every node value at sampled inputs in the box (and at its corners) lies in the node's enclosure. */
class IntervalPropagationTest {

    static Graph network(SplittableRandom r) {
        Conv2d c1 = new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1), r);
        Conv2d c2 = new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1), r);
        ConvTranspose2d up = new ConvTranspose2d(Conv2dSpec.of(4, 2, 2).withStride(2), 0, 0, rand(new int[] {4, 2, 2, 2}, r), rand(new int[] {2}, r));
        return Graph.builder("x")
                .layer("c1", c1, "x").layer("silu", new SiLU(), "c1")
                .layer("c2", c2, "x").layer("hs", new HardSwish(), "c2")
                .merge("prod", new Multiply(), "silu", "hs")
                .merge("diff", new Subtract(), "prod", "hs")
                .layer("pool", new MaxPool2d(2), "diff")
                .layer("mm", new MaxMin(), "pool")
                .layer("up", up, "mm")
                .layer("leaky", new LeakyReLU(-0.3), "up")
                .merge("res", new Add(), "leaky", "x")
                .merge("cat", new Concat(0), "res", "x")
                .layer("tanh", new Tanh(), "cat")
                .layer("clip", new Clip(-0.5, 0.25), "tanh")
                .layer("flat", new Flatten(), "clip")
                .layer("fc", new Dense(4 * 6 * 6, 5, true, r), "flat")
                .layer("soft", new Softmax(), "fc")
                .build("soft");
    }

    static Tensor rand(int[] shape, SplittableRandom r) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = r.nextDouble() - 0.5;
        return t;
    }

    @Test
    void enclosuresContainEveryNodeValueAtSampledInputs() {
        SplittableRandom r = new SplittableRandom(31);
        Graph g = network(r);
        int[] shape = {2, 6, 6};
        InputBox box = InputBox.uniform(-1, 2);
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            FlatNet net = FlatNet.of(g, shape);
            IntervalPropagation.Interval[] iv = IntervalPropagation.propagate(net, box.lower(72), box.upper(72));
            for (int t = 0; t < 200; t++) {
                double[] x = new double[72];
                for (int i = 0; i < 72; i++) x[i] = t < 2 ? (t == 0 ? -1 : 2) : -1 + 3 * r.nextDouble();
                double[][] vals = evaluateAll(net, x);
                for (int v = 0; v < vals.length; v++) {
                    double[] lo = iv[v].lower(), hi = iv[v].upper();
                    for (int i = 0; i < lo.length; i++) {
                        assertThat(vals[v][i]).as("node %s[%d] sample %d", net.name(v), i, t).isBetween(lo[i], hi[i]);
                    }
                }
            }
            // the public view names every node
            IntervalPropagation.Result res = IntervalPropagation.propagate(g, shape, box);
            for (double p : res.of("soft").upper()) assertThat(p).isLessThanOrEqualTo(1.0);
            assertThat(res.of("prod").maxAbs()).isGreaterThan(0);
        } finally {
            Precision.set(old);
        }
    }

    @Test
    void pointBoxesGiveTightEnclosures() {
        SplittableRandom r = new SplittableRandom(32);
        Graph g = network(r);
        double[] x = new double[72];
        for (int i = 0; i < 72; i++) x[i] = r.nextDouble();
        IntervalPropagation.Result res = IntervalPropagation.propagate(g, new int[] {2, 6, 6}, new InputBox(x, x));
        double[] lo = res.of("fc").lower(), hi = res.of("fc").upper();
        for (int i = 0; i < lo.length; i++) assertThat(hi[i] - lo[i]).isLessThan(1e-9 * (1 + Math.abs(lo[i])));
    }

    /** Values of all nodes at one input, node by node. */
    static double[][] evaluateAll(FlatNet net, double[] x) {
        double[][] v = new double[net.nodes.size() + 1][];
        v[0] = x;
        for (int i = 0; i < net.nodes.size(); i++) {
            FlatNet.Node n = net.nodes.get(i);
            if (n.layer() != null) v[i + 1] = IntervalPropagation.apply(n.layer(), net.shape(n.inputs()[0]), v[n.inputs()[0]]);
            else {
                java.util.List<Tensor> in = new java.util.ArrayList<>();
                for (int k : n.inputs()) in.add(IntervalPropagation.batchOfOne(net.shape(k), v[k]));
                v[i + 1] = n.merge().forward(in).data();
            }
        }
        return v;
    }

    /** HardSigmoid's αx + β cancels near its lower kink: the enclosure must still hold the exact value. */
    @Test
    void hardSigmoidNearItsKinkEnclosesTheExactValue() {
        for (io.lipschitz4j.nn.HardSigmoid h : new io.lipschitz4j.nn.HardSigmoid[] {new io.lipschitz4j.nn.HardSigmoid(0.2, 0.5),
                io.lipschitz4j.nn.HardSigmoid.pytorch(), new io.lipschitz4j.nn.HardSigmoid(0.1, 7.3)}) {
            double kink = -h.beta() / h.alpha();
            int n = 64;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = kink + (i - n / 2) * Math.ulp(kink) * (1 + i % 3) * 1e3;
            var r = IntervalPropagation.propagate(io.lipschitz4j.nn.Sequential.of(h), new int[] {n}, new InputBox(x, x));
            IntervalPropagation.Interval out = r.of(r.values().keySet().stream().reduce((a, b) -> b).orElseThrow());
            for (int i = 0; i < n; i++) {
                java.math.BigDecimal v = new java.math.BigDecimal(h.alpha()).multiply(new java.math.BigDecimal(x[i])).add(new java.math.BigDecimal(h.beta()));
                v = v.max(java.math.BigDecimal.ZERO).min(java.math.BigDecimal.ONE);
                assertThat(new java.math.BigDecimal(out.lower()[i]).compareTo(v)).as("lower at x = %s", x[i]).isLessThanOrEqualTo(0);
                assertThat(new java.math.BigDecimal(out.upper()[i]).compareTo(v)).as("upper at x = %s", x[i]).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
