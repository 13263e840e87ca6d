package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Gaussian;
import org.junit.jupiter.api.Test;

class SpinGlassTest {

    @Test
    void energyIsTheDefiningSumOverUnsymmetrisedCouplings() {
        // H(w) = Λ^{-(H-1)/2} Σ X_{ijk} w_i w_j w_k with the raw (unsymmetrised) X of the same seed
        int n = 5;
        SpinGlass g = SpinGlass.random(n, 3, 42);
        var x = Tensors.gaussian(42, n, n, n);
        double[] w = Gaussian.vector(n, 1);
        double s = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) s += x.get(i, j, k) * w[i] * w[j] * w[k];
        assertThat(g.energy(w)).isCloseTo(s / n, within(1e-12 * Math.max(1, Math.abs(s))));
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        for (int order : new int[] {2, 3, 4}) {
            SpinGlass g = SpinGlass.random(6, order, 7);
            double[] w = Gaussian.vector(6, 3);
            double[] grad = g.gradient(w);
            double h = 1e-5;
            for (int i = 0; i < 6; i++) {
                double[] p = w.clone(), m = w.clone();
                p[i] += h;
                m[i] -= h;
                double fd = (g.energy(p) - g.energy(m)) / (2 * h);
                assertThat(grad[i]).as("order %d, coordinate %d", order, i).isCloseTo(fd, within(1e-7 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    @Test
    void descentStaysOnTheSphereDecreasesAndStopsAtAStationaryPoint() {
        SpinGlass g = SpinGlass.random(20, 3, 1);
        double[] w0 = Gaussian.vector(20, 9);
        SpinGlass.Minimum m = g.descend(w0, SpinGlass.Options.defaults());
        double nrm = 0;
        for (double v : m.w()) nrm += v * v;
        assertThat(nrm).isCloseTo(20, within(1e-10 * 20));
        double scale = Math.sqrt(20 / java.util.Arrays.stream(w0).map(v -> v * v).sum());
        double[] start = w0.clone();
        for (int i = 0; i < 20; i++) start[i] *= scale;
        assertThat(m.energy()).isLessThan(g.energy(start) / 20);
        assertThat(m.status()).isEqualTo(Status.CONVERGED);
        double[] gr = g.riemannianGradient(m.w());
        double gn = Math.sqrt(java.util.Arrays.stream(gr).map(v -> v * v).sum()) / Math.sqrt(20);
        assertThat(gn).isLessThan(1e-6).isCloseTo(m.gradientNorm(), within(1e-12));
        // tangent: ⟨g_R, w⟩ = 0
        double gw = 0;
        for (int i = 0; i < 20; i++) gw += gr[i] * m.w()[i];
        assertThat(gw).isCloseTo(0, within(1e-9));
    }

    @Test
    void spreadOfMinimaShrinksAsLambdaGrows() {
        SpinGlass.Options o = SpinGlass.Options.defaults();
        SpinGlass.Study small = SpinGlass.random(8, 3, 3).minima(30, 5, o, null);
        SpinGlass.Study large = SpinGlass.random(40, 3, 3).minima(30, 5, o, null);
        assertThat(small.converged()).isEqualTo(30);
        assertThat(large.converged()).isEqualTo(30);
        assertThat(large.std()).isLessThan(small.std());
        assertThat(large.std()).isCloseTo(SpinGlass.std(large.values()), within(0.0));
        // the large instance's minima lie near the band [−E₀, −E_∞] ≈ [−1.657, −1.633] of the Λ → ∞ theory
        assertThat(large.mean()).isBetween(-1.9, -1.4);
    }

    @Test
    void quantilesFollowNumPysLinearRule() {
        double[] v = {4, 1, 3, 2};
        // numpy.quantile([1,2,3,4], [0.25, 0.75]) = [1.75, 3.25]
        assertThat(SpinGlass.quantile(v, 0.25)).isEqualTo(1.75);
        assertThat(SpinGlass.quantile(v, 0.75)).isEqualTo(3.25);
        assertThat(SpinGlass.iqr(v)).isEqualTo(1.5);
        assertThat(SpinGlass.std(new double[] {1, 3})).isCloseTo(Math.sqrt(2), within(1e-15));
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> SpinGlass.random(1, 3, 0)).hasMessageContaining("Λ");
        assertThatThrownBy(() -> SpinGlass.random(10, 7, 0)).hasMessageContaining("H");
        assertThatThrownBy(() -> SpinGlass.random(1000, 3, 0)).hasMessageContaining("couplings");
        SpinGlass g = SpinGlass.random(4, 3, 0);
        assertThatThrownBy(() -> g.energy(new double[3])).hasMessageContaining("Λ = 4");
        assertThatThrownBy(() -> g.descend(new double[] {0, Double.NaN, 0, 0}, SpinGlass.Options.defaults())).hasMessageContaining("NaN");
        assertThatThrownBy(() -> g.descend(new double[4], SpinGlass.Options.defaults())).hasMessageContaining("zero vector");
        assertThatThrownBy(() -> g.minima(0, 0, SpinGlass.Options.defaults(), null)).hasMessageContaining("starts");
    }
}
