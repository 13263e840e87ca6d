package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The float32 training path (Sequential chaining FloatLayers on float buffers, phase-plane conv, in-place
 * ReLU) agrees with the float64 path to float tolerance: outputs, input gradients and parameter
 * gradients, over conv geometries that exercise every branch of the phase-plane im2col (strides 1–3,
 * dilation, uneven sizes, kernels wider than the padding, groups, circular padding, no bias), chunks of
 * one and several samples, and repeated batches of different sizes (buffer reuse).
 */
class Float32PathTest {
    static final double FLOAT_TOL = 1e-4;

    /** y, dx (or nothing) and the parameter gradients after one forward/backward in the given precision. */
    static double[][] run(Layer l, Tensor x, Tensor g, Precision p, boolean inputGradient) {
        Precision old = Precision.set(p);
        try {
            l.zeroGradInPlace();
            Tensor y = l.forward(x);
            Tensor dx = null;
            if (inputGradient) dx = l.backward(g);
            else l.backwardParameters(g);
            List<Parameter> ps = l.parameters();
            double[][] out = new double[2 + ps.size()][];
            out[0] = y.data().clone();
            out[1] = dx == null ? new double[0] : dx.data().clone();
            for (int i = 0; i < ps.size(); i++) out[2 + i] = ps.get(i).grad().data().clone();
            return out;
        } finally {
            Precision.set(old);
        }
    }

    static void compare(Layer l, Tensor x, boolean inputGradient) {
        Tensor g = gaussian(5, l.forward(x).shape());
        double[][] d = run(l, x, g, Precision.FLOAT64, inputGradient);
        double[][] f = run(l, x, g, Precision.FLOAT32, inputGradient);
        for (int k = 0; k < d.length; k++) {
            assertThat(f[k].length).isEqualTo(d[k].length);
            double scale = 1e-30, err = 0;
            for (int i = 0; i < d[k].length; i++) {
                scale = Math.max(scale, Math.abs(d[k][i]));
                err = Math.max(err, Math.abs(d[k][i] - f[k][i]));
            }
            assertThat(err / scale).as("output %d of %s", k, l).isLessThan(FLOAT_TOL);
            if (k == 0) assertThat(err).as("the output of %s is computed in float32", l).isGreaterThan(0);
        }
    }

    static Sequential convNet(Conv2dSpec spec, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Conv2d conv = new Conv2d(spec, r);
        int[] out = conv.outputShape(spec.inChannels(), h, w);
        return Sequential.of(conv, new ReLU(), new Flatten(), new Dense(out[0] * out[1] * out[2], 3, true, r));
    }

    @Test
    void convGeometriesMatchFloat64() {
        Conv2dSpec[] specs = {
            Conv2dSpec.of(1, 4, 3).withPadding(1),
            Conv2dSpec.of(3, 4, 3).withStride(2).withPadding(1),
            Conv2dSpec.of(2, 3, 3).withStride(3).withPadding(2),
            Conv2dSpec.of(2, 3, 5).withPadding(1),
            Conv2dSpec.of(2, 2, 3).withDilation(2).withPadding(2).withStride(2),
            Conv2dSpec.of(2, 3, 1).withStride(2),
            Conv2dSpec.of(2, 2, 3).withKernel(2, 3).withStride(2, 1).withPadding(0, 1),
            Conv2dSpec.of(4, 6, 3).withGroups(2).withPadding(1).withStride(2),
            Conv2dSpec.of(2, 3, 3).withPadding(1).withMode(PaddingMode.CIRCULAR),
            Conv2dSpec.of(2, 3, 3).withPadding(1).withStride(2).withMode(PaddingMode.CIRCULAR),
            Conv2dSpec.of(2, 3, 3).withPadding(1).withBias(false),
        };
        int i = 0;
        for (Conv2dSpec s : specs) {
            for (int[] hw : new int[][] {{7, 6}, {9, 9}}) {
                Sequential net = convNet(s, hw[0], hw[1], i);
                compare(net, gaussian(100 + i, 3, s.inChannels(), hw[0], hw[1]), true);
                compare(net, gaussian(200 + i, 2, s.inChannels(), hw[0], hw[1]), false);
                i++;
            }
        }
    }

    @Test
    void chunksOfSeveralSamplesAndChangingBatchSizes() {
        // 5x5 outputs: a chunk holds many samples, and a batch of 23 leaves a smaller last chunk
        Sequential net = convNet(Conv2dSpec.of(2, 4, 3).withStride(2).withPadding(1), 10, 10, 7);
        for (int n : new int[] {23, 40, 23, 1}) compare(net, gaussian(n, n, 2, 10, 10), true);
    }

    @Test
    void issueCnnMatchesFloat64() {
        SplittableRandom r = new SplittableRandom(3);
        Sequential cnn = Sequential.of(new Conv2d(Conv2dSpec.of(1, 16, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(16, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(32, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Flatten(), new Dense(1568, 10, true, r));
        compare(cnn, gaussian(1, 6, 1, 28, 28), true);
        compare(cnn, gaussian(2, 6, 1, 28, 28), false);
    }

    @Test
    void backwardParametersGivesTheSameParameterGradients() {
        Sequential net = convNet(Conv2dSpec.of(2, 3, 3).withPadding(1), 6, 6, 4);
        Tensor x = gaussian(3, 4, 2, 6, 6);
        for (Precision p : Precision.values()) {
            Tensor g = gaussian(5, net.forward(x).shape());
            double[][] full = run(net, x, g, p, true), params = run(net, x, g, p, false);
            for (int k = 2; k < full.length; k++) assertThat(params[k]).as("%s gradient %d", p, k).containsExactly(full[k]);
        }
    }

    @Test
    void reluPathKeepsNaNAndZeroesItsGradient() {
        Sequential net = Sequential.of(new ReLU());
        Tensor x = new Tensor(new int[] {1, 4}, new double[] {Double.NaN, -1, 0, 2});
        Precision old = Precision.set(Precision.FLOAT32);
        try {
            assertThat(net.forward(x).data()).containsExactly(Double.NaN, 0, 0, 2);
            assertThat(net.backward(new Tensor(new int[] {1, 4}, new double[] {5, 5, 5, 5})).data()).containsExactly(0, 0, 0, 5);
        } finally {
            Precision.set(old);
        }
    }

    /** forward(Batch), which reads images straight into float32, gives what forward(b.x()) gives, in both precisions. */
    @Test
    void forwardOfABatchEqualsForwardOfItsInputs() {
        byte[] px = new byte[5 * 2 * 6 * 6];
        new SplittableRandom(9).nextBytes(px);
        io.lipschitz4j.nn.data.ImageDataset data = new io.lipschitz4j.nn.data.ImageDataset("random", px, new int[] {0, 1, 2, 0, 1}, 2, 6, 6, 3);
        int[] order = {4, 1, 3, 0, 2};
        for (Precision p : Precision.values()) {
            Precision old = Precision.set(p);
            try {
                for (int[] range : new int[][] {{0, 4}, {4, 5}, {1, 4}}) { // buffer reuse across batch sizes
                    Sequential a = convNet(Conv2dSpec.of(2, 3, 3).withPadding(1), 6, 6, 5), b = convNet(Conv2dSpec.of(2, 3, 3).withPadding(1), 6, 6, 5);
                    io.lipschitz4j.nn.data.Batch batch = data.batch(order, range[0], range[1]);
                    Tensor ya = a.forward(batch);
                    Tensor yb = b.forward(data.batch(order, range[0], range[1]).x());
                    assertThat(ya.shape()).containsExactly(yb.shape());
                    assertThat(ya.data()).as("%s", p).containsExactly(yb.data());
                    Tensor g = gaussian(range[0], ya.shape());
                    a.zeroGradInPlace();
                    b.zeroGradInPlace();
                    a.backwardParameters(g);
                    b.backwardParameters(g);
                    for (int k = 0; k < a.parameters().size(); k++) {
                        assertThat(a.parameters().get(k).grad().data()).containsExactly(b.parameters().get(k).grad().data());
                    }
                }
            } finally {
                Precision.set(old);
            }
        }
    }

    /** A parameter-free layer that counts its backward calls. */
    static final class CountingIdentity implements Layer {
        int backwards;

        @Override public Tensor forward(Tensor x) { return x; }

        @Override public Tensor backward(Tensor g) {
            backwards++;
            return g;
        }

        @Override public int[] outputShape(int... in) { return in.clone(); }
    }

    /**
     * backwardParameters does not run the parameter-free layers before the first layer with parameters
     * (nor that layer's input gradient), and gives the same parameter gradients as backward.
     */
    @Test
    void backwardParametersSkipsLeadingParameterFreeLayers() {
        for (Precision p : Precision.values()) {
            CountingIdentity lead = new CountingIdentity();
            SplittableRandom r = new SplittableRandom(21);
            Sequential net = Sequential.of(lead, new Flatten(), new Dense(12, 5, true, r), new ReLU(), new Dense(5, 3, true, r));
            Tensor x = gaussian(22, 4, 3, 4);
            Tensor g = gaussian(23, 4, 3);
            double[][] full = run(net, x, g, p, true);
            assertThat(lead.backwards).isEqualTo(1);
            assertThat(full[1]).hasSize(48);
            double[][] params = run(net, x, g, p, false);
            assertThat(lead.backwards).as("%s: no backward through the leading parameter-free layers", p).isEqualTo(1);
            for (int k = 2; k < full.length; k++) assertThat(params[k]).as("%s gradient %d", p, k).containsExactly(full[k]);

            Sequential free = Sequential.of(new CountingIdentity(), new ReLU());
            Precision old = Precision.set(p);
            try {
                free.forward(x);
                free.backwardParameters(x); // nothing to do
                assertThat(((CountingIdentity) free.layers().get(0)).backwards).isZero();
            } finally {
                Precision.set(old);
            }
        }
    }
}
