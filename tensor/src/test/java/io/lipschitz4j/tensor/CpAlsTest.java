package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class CpAlsTest {
    /** Noise-free planted recovery target (issue 6). */
    static final double EXACT = 1e-8;

    static Tensor addNoise(Tensor x, double relLevel, long seed) {
        Tensor e = Tensors.gaussian(seed, x.shape());
        double s = relLevel * Tensors.norm(x) / Tensors.norm(e);
        double[] d = x.data().clone();
        for (int i = 0; i < d.length; i++) d[i] += s * e.data()[i];
        return new Tensor(x.shape(), d);
    }

    @Test void recoversPlantedLowRankNoiseFree() {
        for (int[] shape : new int[][] {{8, 9, 10}, {5, 6, 4, 5}}) {
            Tensor x = CPTensor.random(11, 3, shape).toDense();
            Fit<CPTensor> fit = CpAls.decompose(x, 3, CpAls.Options.defaults().maxIterations(500).tolerance(1e-14));
            assertThat(fit.status()).isEqualTo(Status.CONVERGED);
            assertThat(fit.model().relativeError(x)).isLessThan(EXACT);
            assertThat(Tensors.relativeError(fit.model().toDense(), x)).isLessThan(EXACT);
        }
    }

    @Test void rankAboveADimensionUsesSeededColumnsBeyondTheSvd() {
        // R = 4 > I_0 = 3 is a legal CP rank (Kruskal: 3 + 4 + 4 ≥ 2·4 + 2, so the model is unique)
        Tensor x = CPTensor.random(19, 4, 3, 8, 9).toDense();
        Fit<CPTensor> fit = CpAls.decompose(x, 4, CpAls.Options.defaults().maxIterations(2000).tolerance(1e-15).lineSearch(true));
        assertThat(fit.model().relativeError(x)).isLessThan(EXACT);
    }

    @Test void recoversToTheNoiseLevel() {
        Tensor clean = CPTensor.random(12, 4, 10, 11, 12).toDense();
        double level = 1e-3;
        Tensor x = addNoise(clean, level, 99);
        Fit<CPTensor> fit = CpAls.decompose(x, 4, CpAls.Options.defaults().maxIterations(300).tolerance(1e-12));
        assertThat(fit.relativeError()).isLessThan(1.01 * level);
        // the fit is closer to the clean tensor than the data are
        assertThat(Tensors.relativeError(fit.model().toDense(), clean)).isLessThan(level);
    }

    @Test void randomInitAndLineSearchAlsoRecover() {
        Tensor x = CPTensor.random(13, 3, 7, 8, 9).toDense();
        CpAls.Options o = CpAls.Options.defaults().init(CpAls.Init.RANDOM).seed(5).maxIterations(1000).tolerance(1e-15);
        Fit<CPTensor> plain = CpAls.decompose(x, 3, o);
        Fit<CPTensor> ls = CpAls.decompose(x, 3, o.lineSearch(true));
        assertThat(plain.model().relativeError(x)).isLessThan(EXACT);
        assertThat(ls.model().relativeError(x)).isLessThan(EXACT);
        assertThat(ls.iterations()).isLessThanOrEqualTo(plain.iterations());
        // same seed, same numbers
        assertThat(CpAls.decompose(x, 3, o).errorHistory()).containsExactly(plain.errorHistory());
    }

    @Test void errorHistoryMatchesDenseErrors() {
        Tensor x = addNoise(CPTensor.random(14, 2, 6, 7, 8).toDense(), 0.1, 3);
        Fit<CPTensor> fit = CpAls.decompose(x, 2, CpAls.Options.defaults().maxIterations(5).tolerance(0));
        assertThat(fit.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(fit.errorHistory()).hasSize(5);
        assertThat(fit.relativeError()).isCloseTo(Tensors.relativeError(fit.model().toDense(), x), within(1e-10));
    }

    @Test void masksImputeMissingEntries() {
        Tensor x = CPTensor.random(15, 2, 8, 8, 8).toDense();
        double[] w = new double[x.size()];
        double[] withNan = x.data().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
            if (w[i] == 0) withNan[i] = Double.NaN;
        }
        Tensor mask = new Tensor(x.shape(), w);
        Fit<CPTensor> fit = CpAls.decompose(new Tensor(x.shape(), withNan), 2,
                CpAls.Options.defaults().mask(mask).maxIterations(2000).tolerance(1e-14).lineSearch(true));
        assertThat(fit.relativeError()).isLessThan(1e-6);
        // missing entries recovered too
        assertThat(Tensors.relativeError(fit.model().toDense(), x)).isLessThan(1e-5);
    }

    @Test void weightedAlsFitsObservedEntriesExactly() {
        Tensor x = CPTensor.random(17, 3, 7, 8, 9).toDense();
        double[] w = new double[x.size()];
        double[] withNan = x.data().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble() < 0.5 ? 1 : 0;
            if (w[i] == 0) withNan[i] = Double.NaN;
        }
        CpAls.Options o = CpAls.Options.defaults().mask(new Tensor(x.shape(), w)).maxIterations(500).tolerance(1e-15);
        Fit<CPTensor> weighted = CpAls.decompose(new Tensor(x.shape(), withNan), 3, o.maskMode(CpAls.MaskMode.WEIGHTED));
        assertThat(weighted.relativeError()).isLessThan(1e-8);
        assertThat(Tensors.relativeError(weighted.model().toDense(), x)).isLessThan(1e-7);
        Fit<CPTensor> em = CpAls.decompose(new Tensor(x.shape(), withNan), 3, o);
        assertThat(weighted.iterations()).isLessThan(em.iterations());
    }

    @Test void regularizationShrinksTheFactors() {
        Tensor x = CPTensor.random(16, 2, 6, 6, 6).toDense();
        Fit<CPTensor> free = CpAls.decompose(x, 2);
        Fit<CPTensor> reg = CpAls.decompose(x, 2, CpAls.Options.defaults().l2(50));
        assertThat(reg.model().norm()).isLessThan(free.model().norm());
        assertThat(reg.relativeError()).isGreaterThan(free.relativeError());
    }

    @Test void hugeAndTinyScales() {
        Tensor base = CPTensor.random(18, 2, 5, 6, 7).toDense();
        for (double scale : new double[] {1e200, 1e-200}) {
            double[] d = base.data().clone();
            for (int i = 0; i < d.length; i++) d[i] *= scale;
            Tensor x = new Tensor(base.shape(), d);
            Fit<CPTensor> fit = CpAls.decompose(x, 2, CpAls.Options.defaults().maxIterations(500).tolerance(1e-15));
            assertThat(fit.status()).as("scale %g", scale).isEqualTo(Status.CONVERGED);
            assertThat(fit.relativeError()).as("scale %g", scale).isLessThan(EXACT);
            assertThat(Tensors.relativeError(fit.model().toDense(), x)).isLessThan(EXACT);
        }
    }

    @Test void nonConvergenceIsReported() {
        Tensor x = Tensors.gaussian(3, 6, 6, 6);
        Fit<CPTensor> fit = CpAls.decompose(x, 4, CpAls.Options.defaults().maxIterations(3).tolerance(1e-15));
        assertThat(fit.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(fit.iterations()).isEqualTo(3);
    }

    @Test void badInput() {
        Tensor x = Tensors.gaussian(3, 2, 3, 4);
        assertThatThrownBy(() -> CpAls.decompose(x, 9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CP rank 9 out of range [1, 6]");
        assertThatThrownBy(() -> CpAls.decompose(x, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        double[] d = x.data().clone();
        d[5] = Double.NaN;
        assertThatThrownBy(() -> CpAls.decompose(new Tensor(x.shape(), d), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite").hasMessageContaining("[0, 1, 1]");
        assertThatThrownBy(() -> CpAls.decompose(x, 2, CpAls.Options.defaults().mask(Tensors.gaussian(1, 2, 3, 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> CpAls.Options.defaults().maxIterations(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CPTensor(new double[2], DenseMatrix.zeros(3, 2), DenseMatrix.zeros(3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor 1 has 3 columns");
    }

    @Test void cpNormAndInnerProductsWithoutDensifying() {
        CPTensor a = CPTensor.random(1, 3, 4, 5, 6), b = CPTensor.random(2, 2, 4, 5, 6);
        Tensor da = a.toDense(), db = b.toDense();
        assertThat(a.norm()).isCloseTo(Tensors.norm(da), within(1e-10 * Tensors.norm(da)));
        assertThat(a.inner(b)).isCloseTo(Tensors.inner(da, db), within(1e-10 * Tensors.norm(da) * Tensors.norm(db)));
        assertThat(a.inner(db)).isCloseTo(Tensors.inner(da, db), within(1e-10 * Tensors.norm(da) * Tensors.norm(db)));
        assertThat(a.reconstructionError(db)).isCloseTo(Tensors.distance(da, db), within(1e-9 * Tensors.norm(db)));
        assertThat(a.normalized().toDense().data()).satisfies(v -> TensorsTest.assertClose(v, da.data(), 1e-12));
    }
}
