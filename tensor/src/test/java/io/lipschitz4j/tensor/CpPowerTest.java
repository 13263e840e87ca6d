package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class CpPowerTest {
    static DenseMatrix orthonormal(int n, int r, long seed) { return Lapack.svd(DenseMatrix.gaussian(n, r, seed)).u(); }

    @Test void symmetricOrthogonalTensorIsRecovered() {
        DenseMatrix v = orthonormal(8, 4, 1);
        double[] lambda = {5, 4, 3, 2};
        Tensor x = new CPTensor(lambda, v, v, v).toDense();
        Fit<CPTensor> f = CpPower.symmetric(x, 4);
        assertThat(f.status()).isEqualTo(Status.CONVERGED);
        assertThat(f.model().weights()).containsExactly(new double[] {5, 4, 3, 2}, within(1e-10));
        assertThat(f.model().relativeError(x)).isLessThan(1e-8);
        assertThat(f.relativeError()).isLessThan(1e-8);
    }

    @Test void symmetricNoisyToTheNoiseLevel() {
        DenseMatrix v = orthonormal(10, 3, 2);
        Tensor clean = new CPTensor(new double[] {3, 2, 1}, v, v, v).toDense();
        Tensor e = Tensors.gaussian(3, 10, 10, 10);
        // symmetrize the noise so the input stays symmetric
        Tensor sym = Tensors.gaussian(3, 10, 10, 10);
        double[] s = new double[sym.size()];
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            double[] d = Tensors.permute(e, p).data();
            for (int i = 0; i < s.length; i++) s[i] += d[i] / 6;
        }
        Tensor noise = new Tensor(clean.shape(), s);
        double level = 1e-3, scale = level * Tensors.norm(clean) / Tensors.norm(noise);
        double[] xd = clean.data().clone();
        for (int i = 0; i < xd.length; i++) xd[i] += scale * s[i];
        Tensor x = new Tensor(clean.shape(), xd);
        Fit<CPTensor> f = CpPower.symmetric(x, 3);
        assertThat(f.relativeError()).isLessThan(1.01 * level);
        assertThat(Tensors.relativeError(f.model().toDense(), clean)).isLessThan(3 * level);
    }

    @Test void hopmRecoversOrthogonalFactors() {
        DenseMatrix a = orthonormal(6, 3, 3), b = orthonormal(7, 3, 4), c = orthonormal(5, 3, 5), d = orthonormal(4, 3, 6);
        Tensor x = new CPTensor(new double[] {4, 2, 1}, a, b, c, d).toDense();
        Fit<CPTensor> f = CpPower.decompose(x, 3);
        assertThat(f.status()).isEqualTo(Status.CONVERGED);
        assertThat(f.model().relativeError(x)).isLessThan(1e-8);
        assertThat(f.errorHistory()).hasSize(3);
    }

    @Test void iterationCapIsReported() {
        Tensor x = CPTensor.random(7, 3, 6, 6, 6).toDense();
        Fit<CPTensor> f = CpPower.decompose(x, 2, CpPower.Options.defaults().maxIterations(1).tolerance(0));
        assertThat(f.status()).isEqualTo(Status.MAX_ITERATIONS);
    }

    @Test void badInput() {
        assertThatThrownBy(() -> CpPower.symmetric(Tensors.gaussian(1, 3, 3, 3), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> CpPower.symmetric(Tensors.gaussian(1, 3, 4, 3), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cubical");
        assertThatThrownBy(() -> CpPower.decompose(Tensors.gaussian(1, 2, 2, 2), 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range [1, 4]");
    }
}
