package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LinearChainMergerTest {

    static ElementwiseAffine batchNorm(int c, int rank, SplittableRandom r) {
        double[] g = new double[c], b = new double[c], m = new double[c], v = new double[c];
        for (int i = 0; i < c; i++) { g[i] = r.nextDouble(0.2, 3); b[i] = r.nextDouble() - 0.5; m[i] = r.nextDouble() - 0.5; v[i] = r.nextDouble(0.1, 2); }
        return ElementwiseAffine.batchNorm(t(g), t(b), t(m), t(v), 1e-5, rank);
    }

    static Tensor t(double[] v) { return new Tensor(new int[] {v.length}, v); }

    static Sequential network(SplittableRandom r) {
        return Sequential.of(
                new Conv2d(Conv2dSpec.of(2, 3, 3).withPadding(1).withBias(false), r), batchNorm(3, 3, r), new ReLU(),
                new Conv2d(Conv2dSpec.of(3, 3, 3).withStride(2), r), batchNorm(3, 3, r), ElementwiseAffine.scaling(0.5), new Flatten(),
                new Dense(3 * 3 * 3, 10, true, r), batchNorm(10, 1, r), new Dense(10, 6, true, r), new Dense(6, 4, false, r));
    }

    @Test
    void mergedNetworkComputesTheSameFunction() {
        SplittableRandom r = new SplittableRandom(21);
        Sequential net = network(r);
        int[] shape = {2, 7, 7};
        Tensor x = Tensor.zeros(5, 2, 7, 7);
        for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextDouble() * 2 - 1;
        double[] want = net.forward(x).data();
        LinearChainMerger.Merged m = LinearChainMerger.merge(net, shape, 1_000_000);
        double[] got = m.network().forward(x).data();
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) assertThat(Math.abs(got[i] - want[i])).isLessThanOrEqualTo(1e-12 * scale);
        // conv+bn, conv+bn+scale (two folds), dense+bn, then dense·dense·dense
        assertThat(m.merges()).hasSize(6);
        assertThat(m.network().nodes()).extracting(n -> n.name())
                .containsExactly("0+1", "2", "3+4+5", "6", "7+8+9+10");
    }

    @Test
    void mergingTightensTheBoundAndNeverUndercutsTheUnmergedNetworksSamples() {
        SplittableRandom r = new SplittableRandom(22);
        Sequential net = network(r);
        int[] shape = {2, 7, 7};
        NetworkBound merged = GraphBound.of(net, shape, CertifyOptions.defaults());
        NetworkBound plain = GraphBound.of(net, shape, CertifyOptions.defaults().withMergeLinear(false));
        assertThat(merged.value()).isLessThan(plain.value());
        assertThat(merged.merges()).hasSize(6);
        double best = 0;
        for (int t = 0; t < 200; t++) {
            double[] x = new double[98], y = new double[98];
            for (int i = 0; i < 98; i++) { x[i] = r.nextDouble(); y[i] = x[i] + (r.nextDouble() - 0.5) * 1e-2; }
            best = Math.max(best, LayerRulesTest.quotient(net, shape, x, y));
        }
        assertThat(best).isGreaterThan(0).isLessThanOrEqualTo(merged.value());
    }

    @Test
    void largeDenseProductsAreNotMerged() {
        SplittableRandom r = new SplittableRandom(23);
        Sequential net = Sequential.of(new Dense(50, 2, true, r), new Dense(2, 50, true, r));
        assertThat(LinearChainMerger.merge(net, new int[] {50}, 100).merges()).isEmpty();
        assertThat(LinearChainMerger.merge(net, new int[] {50}, 2500).merges()).hasSize(1);
    }
}
