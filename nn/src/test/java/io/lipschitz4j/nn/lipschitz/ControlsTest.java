package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.SedghiSpectrum;
import io.lipschitz4j.spectral.dense.PowerIteration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ControlsTest {

    /** conv 2→4 k3 p1 (zeros), conv 4→4 k3 s2 p1 circular, flatten, dense 64→5 on 2×8×8 inputs, weights scaled ×3. */
    static Sequential model() {
        SplittableRandom r = new SplittableRandom(7);
        Sequential m = Sequential.of(new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(4, 4, 3).withPadding(1).withStride(2).withMode(PaddingMode.CIRCULAR), r), new ReLU(),
                new Flatten(), new Dense(64, 5, true, r));
        for (Parameter p : m.parameters()) for (int i = 0; i < p.size(); i++) p.value().data()[i] *= 3;
        return m;
    }

    static final int[] INPUT = {2, 8, 8};

    static double certified(Layer model, LinearLayers.Entry e) {
        int[] hw = e.spatialSize();
        return e.layer() instanceof Conv2d c ? LayerNorms.upper(c, hw[0], hw[1]).value() : LayerNorms.upper((Dense) e.layer()).value();
    }

    /** The layer's norm to ~1e-9 (converged power iteration on the true operator, a certified LOWER; LAPACK for Dense). */
    static double accurate(LinearLayers.Entry e) {
        if (e.layer() instanceof Dense d) return io.lipschitz4j.linalg.Lapack.singularValues(new DenseMatrix(d.outFeatures(), d.inFeatures(), d.weight().data().clone()))[0];
        int[] hw = e.spatialSize();
        LayerNorms.Mapped mp = LayerNorms.convolution((Conv2d) e.layer(), hw[0], hw[1]);
        return io.lipschitz4j.spectral.conv.ConvBounds.powerIteration(mp.conv(), 1, 1e-12, 20000).value();
    }

    @Test
    void certifiedProjectionBoundsEveryLayerByLambda() {
        Sequential m = model();
        List<LinearLayers.Entry> layers = LinearLayers.of(m, INPUT);
        for (LinearLayers.Entry e : layers) assertThat(certified(m, e)).isGreaterThan(1.2);
        m.forward(Tensor.zeros(1, 2, 8, 8));
        Control c = Controls.byName("projection:1.0:certified");
        c.hook().orElseThrow().afterStep(m, 0);
        for (LinearLayers.Entry e : layers) assertThat(certified(m, e)).as(e.path()).isLessThanOrEqualTo(1.0 + 1e-6).isGreaterThan(0.999);
    }

    @Test
    void powerProjectionConvergesToTheBall() {
        Sequential m = model();
        Projection p = (Projection) Controls.byName("projection:0.5").bind(m, INPUT).hook().orElseThrow();
        for (int s = 0; s < 40; s++) p.afterStep(m, s);
        for (LinearLayers.Entry e : LinearLayers.of(m, INPUT)) {
            assertThat(accurate(e)).as(e.path()).isLessThanOrEqualTo(0.5 * 1.01).isGreaterThan(0.49); // power estimates approach σ from below: a small lag
            assertThat(certified(m, e)).as(e.path()).isGreaterThanOrEqualTo(accurate(e)).isLessThan(0.5 * 1.05); // zero padding: circular-embedding gap
        }
    }

    @Test
    void spectralNormalizationBringsThePowerEstimateToOne() {
        Sequential m = model();
        SpectralNormalization sn = (SpectralNormalization) Controls.byName("spectral-norm:operator").bind(m, INPUT).hook().orElseThrow();
        for (int s = 0; s < 60; s++) sn.afterStep(m, s);
        for (LinearLayers.Entry e : LinearLayers.of(m, INPUT)) {
            assertThat(sn.lastSigmas().get(e.path())).as(e.path()).isCloseTo(1.0, within(1e-3));
            assertThat(accurate(e)).as(e.path()).isCloseTo(1.0, within(1e-2)); // one step per update lags slightly
        }
        // reshape form: the reshaped kernel [out, in·k·k] gets spectral norm 1
        Sequential m2 = model();
        SpectralNormalization rs = (SpectralNormalization) Controls.byName("spectral-norm").hook().orElseThrow();
        for (int s = 0; s < 60; s++) rs.afterStep(m2, s);
        Conv2d c0 = (Conv2d) m2.layers().get(0);
        double sigma = new PowerIteration().norm(new DenseMatrix(4, 18, c0.weight().data().clone())).value();
        assertThat(sigma).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void stateExposesLivePersistentVectors() {
        Sequential m = model();
        Control c = Controls.byName("spectral-norm:operator").bind(m, INPUT);
        Map<String, double[]> s = c.hook().orElseThrow().state();
        assertThat(s).containsOnlyKeys("0.u", "0.v", "2.u", "2.v", "5.u", "5.v");
        assertThat(s.get("0.u")).hasSize(4 * 8 * 8);
        assertThat(s.get("0.v")).hasSize(2 * 8 * 8);
        assertThat(s.get("5.u")).hasSize(5);
        double[] before = s.get("5.u").clone();
        c.hook().orElseThrow().afterStep(m, 0);
        assertThat(c.hook().orElseThrow().state().get("5.u")).isSameAs(s.get("5.u")).isNotEqualTo(before);
        // the same seed gives the same vectors
        Map<String, double[]> again = Controls.byName("spectral-norm:operator").bind(model(), INPUT).hook().orElseThrow().state();
        assertThat(again.get("2.u")).containsExactly(Controls.byName("spectral-norm:operator").bind(model(), INPUT).hook().orElseThrow().state().get("2.u"));
    }

    @Test
    void clippingReducesSigmaMaxToAboutC() {
        SplittableRandom r = new SplittableRandom(3);
        Conv2d conv = new Conv2d(Conv2dSpec.of(4, 4, 3).withPadding(1).withMode(PaddingMode.CIRCULAR).withBias(false), r);
        for (int i = 0; i < conv.weight().size(); i++) conv.weight().data()[i] = Gaussian.next(r);
        double before = sigmaMax(conv);
        assertThat(before).isGreaterThan(3);
        SingularValueClipping.clipInPlace(conv, 8, 8, 1.0);
        double once = sigmaMax(conv);
        assertThat(once).isLessThan(before);
        for (int i = 0; i < 30; i++) SingularValueClipping.clipInPlace(conv, 8, 8, 1.0);
        double many = sigmaMax(conv);
        System.out.printf("clip: sigma_max %.4f -> %.4f (one call) -> %.4f (31 calls), c = 1%n", before, once, many);
        assertThat(many).isCloseTo(1.0, within(0.1));
        // without the support projection clipping would be exact: a kernel already inside is unchanged
        Conv2d small = new Conv2d(conv.spec(), conv.weight(), null);
        double[] k = small.weight().data().clone();
        assertThat(SingularValueClipping.clipInPlace(small, 8, 8, 10.0)).isZero();
        assertThat(small.weight().data()).containsExactly(k);
    }

    @Test
    void denseClippingIsExact() {
        Dense d = new Dense(9, 6, false, new SplittableRandom(2));
        for (int i = 0; i < d.weight().size(); i++) d.weight().data()[i] *= 5;
        SingularValueClipping.clipInPlace(d, 0.7);
        assertThat(io.lipschitz4j.linalg.Lapack.singularValues(new DenseMatrix(6, 9, d.weight().data().clone()))[0]).isCloseTo(0.7, within(1e-12));
    }

    static double sigmaMax(Conv2d c) {
        return SedghiSpectrum.compute(Convolution.circular(c.weight(), 8, 8)).sigmaMax().value();
    }

    @Test
    void orthogonalityPenaltyGradientMatchesFiniteDifferences() {
        for (int[] shape : new int[][] {{5, 3}, {3, 7}, {4, 2, 3, 3}}) {
            Tensor w = Tensor.zeros(shape);
            SplittableRandom r = new SplittableRandom(shape.length);
            for (int i = 0; i < w.size(); i++) w.data()[i] = 0.5 * Gaussian.next(r);
            Parameter p = Parameter.of("weight", w);
            Parameter bias = Parameter.of("bias", Tensor.zeros(shape[0]));
            OrthogonalityPenalty pen = (OrthogonalityPenalty) Controls.byName("ortho-penalty:0.3").regularizer().orElseThrow();
            double value = pen.addGradientInPlace(List.of(p, bias));
            // value = λ‖WᵀW − I‖²_F with the n×n Gram of the reshaped W
            int m = shape[0], n = w.size() / m;
            double direct = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                double s = i == j ? -1 : 0;
                for (int k = 0; k < m; k++) s += w.data()[k * n + i] * w.data()[k * n + j];
                direct += s * s;
            }
            assertThat(value).isCloseTo(0.3 * direct, within(1e-12 * Math.max(1, direct)));
            assertThat(bias.grad().data()).containsOnly(0.0);
            double h = 1e-6, worst = 0, scale = 1e-8;
            for (int i = 0; i < w.size(); i++) {
                double v = w.data()[i];
                w.data()[i] = v + h;
                double fp = pen.addGradientInPlace(List.of(Parameter.of("w", w)));
                w.data()[i] = v - h;
                double fm = pen.addGradientInPlace(List.of(Parameter.of("w", w)));
                w.data()[i] = v;
                double num = (fp - fm) / (2 * h);
                scale = Math.max(scale, Math.abs(num));
                worst = Math.max(worst, Math.abs(num - p.grad().data()[i]));
            }
            assertThat(worst / scale).as("shape %s", java.util.Arrays.toString(shape)).isLessThan(1e-6);
        }
    }

    @Test
    void namesParseAndBadNamesSayWhy() {
        assertThat(Controls.byName("none").hook()).isEmpty();
        assertThat(Controls.byName("none").regularizer()).isEmpty();
        assertThat(Controls.byName("projection:2").hook().orElseThrow()).isInstanceOf(Projection.class);
        assertThat(((Projection) Controls.byName("projection:2:certified").stepHook()).estimator()).isEqualTo(Projection.Estimator.CERTIFIED);
        assertThat(((SingularValueClipping) Controls.byName("clip:1.0").stepHook()).period()).isEqualTo(100);
        assertThat(((SingularValueClipping) Controls.byName("clip:1.0:every=5").stepHook()).period()).isEqualTo(5);
        assertThat(((SpectralNormalization) Controls.byName("spectral-norm:operator").stepHook()).form()).isEqualTo(SpectralNormalization.Form.OPERATOR);
        assertThatThrownBy(() -> Controls.byName("projektion:1")).hasMessageContaining("unknown Lipschitz control");
        assertThatThrownBy(() -> Controls.byName("projection:abc")).hasMessageContaining("not a number: abc");
        assertThatThrownBy(() -> Controls.byName("clip:-1")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> Controls.byName("spectral-norm:sideways")).hasMessageContaining("unknown option 'sideways'");
    }
}
