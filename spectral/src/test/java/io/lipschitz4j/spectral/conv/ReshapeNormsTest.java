package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import org.junit.jupiter.api.Test;

class ReshapeNormsTest {

    @Test
    void sandwichesLapackOnRandomShapesAndScales() {
        double[] scales = {1, 1e-150, 1e150, 0x1p-1000, 3.7e200, 1e-300};
        int i = 0;
        for (int m = 1; m <= 9; m += 2) {
            for (int n = 1; n <= 9; n += 3) {
                for (double f : scales) {
                    DenseMatrix a = DenseMatrix.gaussian(m, n, 17 + i++);
                    for (int j = 0; j < a.data().length; j++) a.data()[j] *= f;
                    double s = Lapack.singularValues(a)[0];
                    double up = ReshapeNorms.upper(a), lo = ReshapeNorms.lower(a);
                    assertThat(up).as("upper %dx%d scale %g", m, n, f).isGreaterThanOrEqualTo(s * (1 - Exact.LAPACK_REL));
                    assertThat(lo).as("lower %dx%d scale %g", m, n, f).isLessThanOrEqualTo(s * (1 + Exact.LAPACK_REL));
                    assertThat(up).isLessThanOrEqualTo(s * (1 + 1e-10));
                    assertThat(lo).isGreaterThanOrEqualTo(s * (1 - 1e-10));
                }
            }
        }
    }

    @Test
    void repeatedTopSingularValueAndRankDeficiency() {
        // orthogonal-like: identity 6x6 → all σ = 1 (multiplicity 6); Gram iteration needs many steps
        DenseMatrix id = DenseMatrix.identity(6);
        assertThat(ReshapeNorms.upper(id)).isBetween(1.0, 1 + 1e-6);
        assertThat(ReshapeNorms.lower(id)).isBetween(1 - 1e-14, 1.0);
        // rank one u vᵀ: σ = ‖u‖‖v‖
        DenseMatrix r1 = DenseMatrix.zeros(5, 4);
        for (int i = 0; i < 5; i++) for (int j = 0; j < 4; j++) r1.set(i, j, (i + 1) * (j - 1.5));
        double s = Lapack.singularValues(r1)[0];
        assertThat(ReshapeNorms.upper(r1)).isBetween(s * (1 - Exact.LAPACK_REL), s * (1 + 1e-12));
        assertThat(ReshapeNorms.lower(r1)).isBetween(s * (1 - 1e-12), s * (1 + Exact.LAPACK_REL));
        assertThat(ReshapeNorms.upper(DenseMatrix.zeros(3, 2))).isZero();
        assertThat(ReshapeNorms.lower(DenseMatrix.zeros(3, 2))).isZero();
    }
}
