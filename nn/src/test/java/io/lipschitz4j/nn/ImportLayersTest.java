package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.awayFromZero;
import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The layers ONNX import needs: values against direct formulas, finite-difference gradients, shapes. */
class ImportLayersTest {
    private static final double TOL = 1e-12;

    private static Tensor row(double... v) { return new Tensor(new int[] {1, v.length}, v); }

    @Test
    void smoothActivationsMatchFormulasAndGradients() {
        Tensor x = row(-40, -2, -0.5, 0, 0.7, 3, 40);
        double[] s = new Sigmoid().forward(x).data(), w = new SiLU().forward(x).data();
        for (int i = 0; i < x.size(); i++) {
            double t = x.data()[i], sig = 1 / (1 + Math.exp(-t));
            assertThat(s[i]).isCloseTo(sig, within(TOL));
            assertThat(w[i]).isCloseTo(t * sig, within(TOL * 40));
        }
        GradCheck.assertGradients(new Sigmoid(), gaussian(1, 3, 2, 4), 2);
        GradCheck.assertGradients(new SiLU(), gaussian(3, 3, 2, 4), 4);
    }

    @Test
    void piecewiseActivationsMatchFormulasAndGradients() {
        Tensor x = row(-5, -3.5, -1, 0, 1, 2.5, 4);
        HardSigmoid hs = HardSigmoid.pytorch();
        double[] a = hs.forward(x).data(), b = new HardSwish().forward(x).data(), c = new Clip(-1.5, 2).forward(x).data();
        for (int i = 0; i < x.size(); i++) {
            double t = x.data()[i], relu6 = Math.min(Math.max(t + 3, 0), 6);
            assertThat(a[i]).isCloseTo(relu6 / 6, within(TOL));
            assertThat(b[i]).isCloseTo(t * relu6 / 6, within(TOL));
            assertThat(c[i]).isEqualTo(Math.min(Math.max(t, -1.5), 2));
        }
        assertThat(new HardSigmoid().forward(row(1)).data()[0]).isCloseTo(0.7, within(TOL)); // ONNX default 0.2x + 0.5
        // probes kept away from the kinks at ±3 (HardSwish, HardSigmoid) and at the clip bounds
        Tensor p = new Tensor(new int[] {2, 6}, new double[] {-4.2, -2.1, -0.3, 0.4, 1.9, 3.6, -3.3, -2.7, 0.9, 1.2, 2.6, 4.1});
        GradCheck.assertGradients(hs, p, 5);
        GradCheck.assertGradients(new HardSigmoid(0.2, 0.5), p, 6);
        GradCheck.assertGradients(new HardSwish(), p, 7);
        GradCheck.assertGradients(new Clip(-1.0, 2.0), p, 8);
        GradCheck.assertGradients(new Clip(Double.NEGATIVE_INFINITY, 0.5), p, 9);
        assertThatThrownBy(() -> new Clip(2, 1)).hasMessageContaining("min <= max");
    }

    @Test
    void lipschitzConstantsAreTheSupremaOfTheDerivatives() {
        assertThat(new ReLU().lipschitzConstant()).isEqualTo(1.0);
        assertThat(new LeakyReLU(-3).lipschitzConstant()).isEqualTo(3.0);
        assertThat(new LeakyReLU(0.1).lipschitzConstant()).isEqualTo(1.0);
        assertThat(new Tanh().lipschitzConstant()).isEqualTo(1.0);
        assertThat(new Sigmoid().lipschitzConstant()).isEqualTo(0.25);
        assertThat(HardSigmoid.pytorch().lipschitzConstant()).isEqualTo(1.0 / 6);
        assertThat(new HardSwish().lipschitzConstant()).isEqualTo(1.5);
        assertThat(new Clip(0, 6).lipschitzConstant()).isEqualTo(1.0);
        // SiLU: the constant is >= every sampled |derivative| and within 1e-9 of the grid maximum
        double gridMax = 0;
        for (int i = -200000; i <= 200000; i++) gridMax = Math.max(gridMax, Math.abs(SiLU.derivative(i * 1e-4)));
        assertThat(SiLU.LIPSCHITZ).isGreaterThanOrEqualTo(gridMax).isCloseTo(gridMax, within(1e-9));
        assertThat(SiLU.LIPSCHITZ).isCloseTo(1.0998, within(1e-4));
        // HardSwish derivative supremum 3/2 is approached at 3⁻: the finite difference there tends to it
        HardSwish hw = new HardSwish();
        double h = 1e-7, d = (hw.forward(row(3 - h)).data()[0] - hw.forward(row(3 - 2 * h)).data()[0]) / h;
        assertThat(d).isCloseTo(1.5, within(1e-6)).isLessThanOrEqualTo(hw.lipschitzConstant() + 1e-9);
    }

    @Test
    void preluPerChannelScalarAndBroadcastSlopes() {
        Tensor x = new Tensor(new int[] {1, 2, 1, 2}, new double[] {-1, 2, -3, 4});
        assertThat(new PReLU(new Tensor(new int[] {2}, new double[] {0.5, -2})).forward(x).data()).containsExactly(-0.5, 2, 6, 4);
        assertThat(new PReLU(new Tensor(new int[] {2, 1, 1}, new double[] {0.5, -2})).forward(x).data()).containsExactly(-0.5, 2, 6, 4);
        assertThat(new PReLU(new Tensor(new int[] {1}, new double[] {0.25})).forward(x).data()).containsExactly(-0.25, 2, -0.75, 4);
        PReLU p = new PReLU(new Tensor(new int[] {3}, new double[] {0.1, -0.7, 2.5}));
        assertThat(p.lipschitzConstant()).isEqualTo(2.5);
        GradCheck.assertGradients(p, awayFromZero(gaussian(10, 2, 3, 2, 2), 1e-3), 11);
        GradCheck.assertGradients(new PReLU(new Tensor(new int[] {1}, new double[] {0.3})), awayFromZero(gaussian(12, 3, 5), 1e-3), 13);
        assertThatThrownBy(() -> p.outputShape(4, 2, 2)).hasMessageContaining("does not broadcast");
    }

    @Test
    void softmaxRowsSumToOneAndGradient() {
        Tensor x = new Tensor(new int[] {2, 3}, new double[] {1, 2, 3, 1000, 1000, -1000});
        double[] y = new Softmax().forward(x).data();
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(y[0]).isCloseTo(Math.exp(1) / e, within(TOL));
        assertThat(y[2]).isCloseTo(Math.exp(3) / e, within(TOL));
        assertThat(y[3]).isCloseTo(0.5, within(TOL));
        assertThat(y[5]).isEqualTo(0.0);
        GradCheck.assertGradients(new Softmax(), gaussian(14, 3, 2, 5), 15);
    }

    @Test
    void elementwiseAffineBroadcastsBatchNormAndFolds() {
        Tensor gamma = new Tensor(new int[] {2}, new double[] {2, -1}), beta = new Tensor(new int[] {2}, new double[] {0.5, 1});
        Tensor mean = new Tensor(new int[] {2}, new double[] {1, -2}), var = new Tensor(new int[] {2}, new double[] {3, 0.25});
        ElementwiseAffine bn = ElementwiseAffine.batchNorm(gamma, beta, mean, var, 1e-5, 3);
        assertThat(bn.scale().shape()).containsExactly(2, 1, 1);
        Tensor x = gaussian(16, 2, 2, 3, 2);
        double[] y = bn.forward(x).data();
        for (int i = 0; i < x.size(); i++) {
            int c = (i / 6) % 2;
            double want = gamma.data()[c] * (x.data()[i] - mean.data()[c]) / Math.sqrt(var.data()[c] + 1e-5) + beta.data()[c];
            assertThat(y[i]).isCloseTo(want, within(TOL));
        }
        ElementwiseAffine mul = new ElementwiseAffine(gaussian(17, 3, 2), new Tensor(new int[] {1}, new double[] {0.3}));
        ElementwiseAffine folded = bn.andThen(mul);
        Tensor direct = mul.forward(bn.forward(x)), once = folded.forward(x);
        for (int i = 0; i < x.size(); i++) assertThat(once.data()[i]).isCloseTo(direct.data()[i], within(TOL));
        GradCheck.assertGradients(bn, x, 18);
        GradCheck.assertGradients(mul, x, 19);
        GradCheck.assertGradients(ElementwiseAffine.scaling(-2.5), gaussian(20, 2, 4), 21);
        assertThatThrownBy(() -> new ElementwiseAffine(gaussian(22, 3), gaussian(23, 1)).outputShape(2, 2)).hasMessageContaining("must broadcast");
        assertThatThrownBy(() -> ElementwiseAffine.offset(Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void maxPoolValuesCeilModePaddingAndGradients() {
        Tensor x = new Tensor(new int[] {1, 1, 3, 3}, new double[] {1, 5, 2, -1, 0, 7, 3, -4, -2});
        assertThat(new MaxPool2d(2).forward(x).data()).containsExactly(5);
        MaxPool2d ceil = new MaxPool2d(2, 2, 2, 2, 0, 0, 1, 1, true);
        assertThat(ceil.forward(x).data()).containsExactly(5, 7, 3, -2);
        MaxPool2d pad = new MaxPool2d(3, 3, 2, 2, 1, 1, 1, 1, false); // padding acts as -inf: negatives survive
        assertThat(pad.forward(new Tensor(new int[] {1, 1, 2, 2}, new double[] {-1, -2, -3, -4})).data()).containsExactly(-1);
        // PyTorch sizes: 5 with k2 s2 → 2 (floor) or 3 (ceil); 6 with k3 s2 p1 ceil → 4; 5 with k2 s2 p1 ceil → 3 (a 4th would start in the padding)
        assertThat(new MaxPool2d(2, 2, 2, 2, 0, 0, 1, 1, true).outputShape(1, 5, 5)).containsExactly(1, 3, 3);
        assertThat(new MaxPool2d(3, 3, 2, 2, 1, 1, 1, 1, true).outputShape(1, 6, 6)).containsExactly(1, 4, 4);
        assertThat(new MaxPool2d(2, 2, 2, 2, 1, 1, 1, 1, true).outputShape(1, 5, 5)).containsExactly(1, 3, 3);
        assertThat(new MaxPool2d(3, 3, 1, 1, 0, 0, 2, 2, false).outputShape(2, 7, 6)).containsExactly(2, 3, 2);
        GradCheck.assertGradients(new MaxPool2d(2), gaussian(24, 2, 2, 4, 4), 25);
        GradCheck.assertGradients(new MaxPool2d(3, 2, 2, 1, 1, 1, 1, 2, true), gaussian(26, 2, 2, 5, 6), 27);
    }

    @Test
    void globalAveragePoolReshapeTransposeIdentity() {
        Tensor x = gaussian(28, 2, 3, 2, 4);
        Tensor g = new GlobalAvgPool2d().forward(x);
        assertThat(g.shape()).containsExactly(2, 3, 1, 1);
        double s = 0;
        for (int i = 0; i < 8; i++) s += x.data()[8 + i];
        assertThat(g.data()[1]).isCloseTo(s / 8, within(TOL));
        GradCheck.assertGradients(new GlobalAvgPool2d(), x, 29);
        assertThat(new Reshape(4, -1).outputShape(3, 2, 4)).containsExactly(4, 6);
        assertThat(new Reshape(4, -1).forward(x).shape()).containsExactly(2, 4, 6);
        GradCheck.assertGradients(new Reshape(6, 4), x, 30);
        assertThatThrownBy(() -> new Reshape(5, -1).outputShape(3, 2, 4)).hasMessageContaining("cannot reshape");
        Tensor t = new Tensor(new int[] {1, 2, 3}, new double[] {0, 1, 2, 3, 4, 5});
        assertThat(new Transpose(1, 0).forward(t).data()).containsExactly(0, 3, 1, 4, 2, 5);
        Tensor y = new Transpose(2, 0, 1).forward(x);
        assertThat(y.shape()).containsExactly(2, 4, 3, 2);
        assertThat(y.get(1, 3, 2, 1)).isEqualTo(x.get(1, 2, 1, 3));
        GradCheck.assertGradients(new Transpose(1, 2, 0), x, 31);
        assertThatThrownBy(() -> new Transpose(0, 0)).hasMessageContaining("not a permutation");
        GradCheck.assertGradients(new Identity(), x, 32);
    }

    @Test
    void convTransposeIsTheAdjointOfConvAndHasItsGradients() {
        SplittableRandom rng = new SplittableRandom(33);
        for (int[] c : new int[][] {{1, 3, 3, 2, 1, 1, 0}, {2, 4, 3, 2, 1, 2, 1}, {2, 4, 2, 1, 0, 1, 0}, {3, 6, 3, 3, 1, 1, 2}}) {
            int groups = c[0], cin = c[1], k = c[2], s = c[3], p = c[4], d = c[5], op = c[6];
            int cout = 2 * groups;
            Conv2dSpec spec = Conv2dSpec.of(cin, cout, k).withStride(s).withPadding(p).withDilation(d).withGroups(groups).withBias(false);
            Tensor kernel = gaussian(rng.nextLong(), cin, cout / groups, k, k);
            ConvTranspose2d ct = new ConvTranspose2d(spec, op, op, kernel, null);
            Tensor x = gaussian(rng.nextLong(), 2, cin, 3, 4);
            Tensor y = ct.forward(x);
            assertThat(y.shape()).containsExactly(2, cout, ct.outputShape(cin, 3, 4)[1], ct.outputShape(cin, 3, 4)[2]);
            assertThat(y.dim(2)).isEqualTo((3 - 1) * s - 2 * p + d * (k - 1) + op + 1);
            // ⟨ConvT(x), z⟩ = ⟨x, Conv(z)⟩ with the conv from C_out to C_in channels and the same kernel
            Conv2d conv = new Conv2d(Conv2dSpec.of(cout, cin, k).withStride(s).withPadding(p).withDilation(d).withGroups(groups).withBias(false), kernel, null);
            Tensor z = gaussian(rng.nextLong(), y.shape());
            Tensor cz = conv.forward(z);
            assertThat(cz.shape()).isEqualTo(x.shape());
            assertThat(GradCheck.dot(y, z)).isCloseTo(GradCheck.dot(x, cz), within(1e-10 * (1 + Math.abs(GradCheck.dot(y, z)))));
            GradCheck.assertGradients(ct, x, rng.nextLong());
        }
        // a 1x1 input with stride 2 writes the kernel (plus bias) into the output
        Tensor kern = new Tensor(new int[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4});
        ConvTranspose2d one = new ConvTranspose2d(Conv2dSpec.of(1, 1, 2).withStride(2), 1, 1, kern, new Tensor(new int[] {1}, new double[] {0.5}));
        assertThat(one.forward(new Tensor(new int[] {1, 1, 1, 1}, new double[] {2})).data()).containsExactly(2.5, 4.5, 0.5, 6.5, 8.5, 0.5, 0.5, 0.5, 0.5);
        GradCheck.assertGradients(one, gaussian(34, 2, 1, 2, 3), 35);
        assertThatThrownBy(() -> new ConvTranspose2d(Conv2dSpec.of(1, 1, 2), 1, 0, kern, null)).hasMessageContaining("output padding");
    }

    @Test
    void mergesConcatMultiplySubtractValuesAndGradients() {
        Tensor a = new Tensor(new int[] {1, 2, 1, 2}, new double[] {1, 2, 3, 4});
        Tensor b = new Tensor(new int[] {1, 1, 1, 2}, new double[] {5, 6});
        assertThat(new Concat(0).forward(List.of(a, b)).data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(new Concat(2).forward(List.of(a, a)).data()).containsExactly(1, 2, 1, 2, 3, 4, 3, 4);
        assertThatThrownBy(() -> new Concat(1).outputShape(List.of(new int[] {2, 1, 2}, new int[] {1, 1, 2}))).hasMessageContaining("input 1");
        Tensor gate = new Tensor(new int[] {1, 2, 1, 1}, new double[] {10, -1});
        assertThat(new Multiply().forward(List.of(a, gate)).data()).containsExactly(10, 20, -3, -4);
        assertThat(new Subtract().forward(List.of(a, a)).data()).containsExactly(0, 0, 0, 0);
        Tensor x = gaussian(36, 2, 3, 2, 3);
        // each merge checked inside a graph, which mixes branches of different shapes
        GradCheck.assertGradients(Graph.builder("x").layer("t", new Tanh(), "x").merge("cat", new Concat(0), "x", "t").build("cat"), x, 37);
        GradCheck.assertGradients(Graph.builder("x").layer("t", new Tanh(), "x").merge("cat", new Concat(2), "t", "x").build("cat"), x, 38);
        GradCheck.assertGradients(Graph.builder("x").layer("p", new GlobalAvgPool2d(), "x").layer("s", new Sigmoid(), "p")
                .merge("m", new Multiply(), "x", "s").build("m"), x, 39);
        GradCheck.assertGradients(Graph.builder("x").layer("s", new Sigmoid(), "x").merge("d", new Subtract(), "x", "s").build("d"), x, 40);
        GradCheck.assertGradients(Graph.builder("x").layer("s", new Sigmoid(), "x").merge("m", new Multiply(), "s", "x").build("m"), x, 41);
    }
}
