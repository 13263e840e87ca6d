package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import org.junit.jupiter.api.Test;

class SpatialGramTest {

    @Test
    void convergesToTheFullPlaneNormFromAbove() {
        // circular n = 16 approximates sup over the torus from below; zero padding n = 16 lies below that too
        Tensor k = new Tensor(new int[] {2, 3, 3, 3}, Gaussian.vector(54, 99));
        double circ = Exact.sigmaMax(Convolution.circular(k, 16, 16));
        double zero = Exact.sigmaMax(Convolution.zeroPadded(k, 16, 16));
        double prev = Double.POSITIVE_INFINITY;
        for (int t = 1; t <= 6; t++) {
            Bound b = SpatialGram.upper(Convolution.zeroPadded(k, 16, 16), t, 0);
            assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
            assertThat(b.value()).isGreaterThanOrEqualTo(Math.max(circ, zero));
            assertThat(b.value()).isLessThanOrEqualTo(prev);
            prev = b.value();
            System.out.printf("spatial-gram t=%d: %.10f  (circular n=16 exact %.10f, zero n=16 exact %.10f, singla-feizi %.6f)%n",
                    t, b.value(), circ, zero, ConvBounds.singlaFeizi(Convolution.zeroPadded(k, 16, 16)).value());
        }
        assertThat(prev).isLessThanOrEqualTo(circ * 1.02);
    }

    @Test
    void oneDimensionalAndZeroKernels() {
        Tensor k = new Tensor(new int[] {3, 2, 5}, Gaussian.vector(30, 7));
        double circ = Exact.sigmaMax(Convolution.circular(k, 64));
        Bound b = SpatialGram.upper(Convolution.circular(k, 64), 8, 0);
        assertThat(b.value()).isBetween(circ, circ * 1.01);
        Bound z = SpatialGram.upper(Convolution.circular(Tensor.zeros(2, 2, 3), 5), 3, 0);
        assertThat(z.value()).isZero();
        assertThat(z.status()).isEqualTo(Status.CONVERGED);
    }

    @Test
    void gramKernelIsTheKernelOfAATranspose() {
        // the Gram kernel, used as a circular convolution on n, must equal A Aᵀ of the circular operator on n
        Tensor k = new Tensor(new int[] {2, 3, 2, 3}, Gaussian.vector(36, 3));
        int n = 7;
        double[] h = k.data().clone();
        double[] g = SpatialGram.gram(h, 2, 3, 2, 3);
        Convolution a = new Convolution(k, new int[] {n, n}, Padding.CIRCULAR, new int[2], new int[] {1, 1}, new int[] {1, 1}, 1);
        Convolution gc = Convolution.circular(new Tensor(new int[] {2, 2, 3, 5}, g), n, n);
        ConvOperator op = new ConvOperator(a), gop = new ConvOperator(gc);
        double[] y = Gaussian.vector(op.rows(), 5), x = new double[op.cols()], aat = new double[op.rows()], gy = new double[op.rows()];
        op.applyTranspose(y, x);
        op.apply(x, aat);
        gop.apply(y, gy);
        // same up to a cyclic shift of the output: compare norms and the sorted multiset of values
        double[] s1 = aat.clone(), s2 = gy.clone();
        java.util.Arrays.sort(s1);
        java.util.Arrays.sort(s2);
        for (int i = 0; i < s1.length; i++) assertThat(s2[i]).isCloseTo(s1[i], org.assertj.core.api.Assertions.within(1e-12));
    }
}
