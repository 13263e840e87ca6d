package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.eval.Pgd;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertifiedRadiusTest {

    static int[] predictions(Sequential net, Tensor x) {
        Tensor z = net.forward(x);
        int n = x.dim(0), k = z.dim(1);
        int[] p = new int[n];
        for (int s = 0; s < n; s++) for (int j = 1; j < k; j++) if (z.data()[s * k + j] > z.data()[s * k + p[s]]) p[s] = j;
        return p;
    }

    @Test
    void noCertifiedInputIsBrokenByPgdOrRandomAttacks() {
        SplittableRandom r = new SplittableRandom(51);
        Sequential net = Sequential.of(new Dense(6, 16, true, r), new ReLU(), new Dense(16, 16, true, r), new ReLU(), new Dense(16, 4, true, r));
        int n = 60;
        Tensor x = Tensor.zeros(n, 6);
        for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextDouble();
        int[] labels = predictions(net, x);
        labels[0] = (labels[0] + 1) % 4; // one misclassified input
        CertifiedRadius.Report rep = CertifiedRadius.of(net, new int[] {6}, x, labels, CertifyOptions.defaults());
        List<CertifiedRadius.Radius> radii = rep.radii();
        assertThat(radii.get(0).correct()).isFalse();
        assertThat(radii.get(0).radius()).isZero();
        int certified = 0;
        for (CertifiedRadius.Radius rd : radii) {
            if (rd.radius() <= 0) continue;
            certified++;
            assertThat(rd.pairRadius()).isGreaterThanOrEqualTo(0);
            assertThat(rd.radius()).isEqualTo(Math.max(rd.globalRadius(), rd.pairRadius()));
            int s = rd.index();
            Tensor xs = new Tensor(new int[] {1, 6}, java.util.Arrays.copyOfRange(x.data(), s * 6, s * 6 + 6));
            // PGD without the [0, 1] clipping mattering: the radius is small against the box
            boolean broken = new Pgd(100, 0.05, s).attack(net, xs, new int[] {rd.label()}, rd.radius())[0];
            assertThat(broken).as("certified input %d broken by PGD at r = %g", s, rd.radius()).isFalse();
            for (int t = 0; t < 200; t++) { // random points on the sphere of radius r
                double[] u = new double[6];
                double nu = 0;
                for (int i = 0; i < 6; i++) { u[i] = Gaussian.next(r); nu += u[i] * u[i]; }
                double[] p = xs.data().clone();
                for (int i = 0; i < 6; i++) p[i] += rd.radius() * u[i] / Math.sqrt(nu);
                assertThat(predictions(net, new Tensor(new int[] {1, 6}, p))[0]).isEqualTo(rd.label());
            }
        }
        assertThat(certified).isGreaterThan(n / 2);
        List<CertifiedRadius.CurvePoint> c = CertifiedRadius.curve(radii, 0, 1e-3, 1e-2, 1e9);
        assertThat(c.get(0).certifiedAccuracy()).isEqualTo((double) certified / n);
        assertThat(c.get(3).certifiedAccuracy()).isZero();
        for (int i = 1; i < c.size(); i++) assertThat(c.get(i).certifiedAccuracy()).isLessThanOrEqualTo(c.get(i - 1).certifiedAccuracy());
    }

    @Test
    void forALinearClassifierThePairRadiusIsTheExactDistanceToTheBoundary() {
        SplittableRandom r = new SplittableRandom(52);
        Dense w = new Dense(5, 3, true, r);
        Sequential net = Sequential.of(w);
        Tensor x = Tensor.zeros(20, 5);
        for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextDouble();
        int[] labels = predictions(net, x);
        List<CertifiedRadius.Radius> radii = CertifiedRadius.of(net, new int[] {5}, x, labels, CertifyOptions.defaults()).radii();
        double[] a = w.weight().data(), b = w.bias().data();
        for (CertifiedRadius.Radius rd : radii) {
            int s = rd.index(), y = rd.label();
            double exact = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 3; j++) {
                if (j == y) continue;
                double num = b[y] - b[j], den = 0;
                for (int i = 0; i < 5; i++) { num += (a[y * 5 + i] - a[j * 5 + i]) * x.data()[s * 5 + i]; den += Math.pow(a[y * 5 + i] - a[j * 5 + i], 2); }
                exact = Math.min(exact, num / Math.sqrt(den));
            }
            assertThat(rd.pairRadius()).isLessThanOrEqualTo(exact).isGreaterThanOrEqualTo(exact * (1 - 1e-9) - 1e-15);
            assertThat(rd.globalRadius()).isLessThanOrEqualTo(rd.pairRadius() * (1 + 1e-12));
        }
    }

    @Test
    void badLabelsAreClearErrors() {
        Sequential net = Sequential.of(new Dense(2, 3, true, new SplittableRandom(53)));
        Tensor x = Tensor.zeros(1, 2);
        assertThatThrownBy(() -> CertifiedRadius.of(net, new int[] {2}, x, new int[] {7}, CertifyOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 7");
    }
}
