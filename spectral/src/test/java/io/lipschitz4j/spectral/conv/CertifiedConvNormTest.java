package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Sandwich;
import org.junit.jupiter.api.Test;

class CertifiedConvNormTest {
    static double exact(Convolution c) {
        double[] s = Lapack.singularValues(ReferenceConv.matrix(c));
        return s.length == 0 ? 0 : s[0];
    }

    @Test
    void circularUpperIsSoundAndTight() {
        for (int seed = 0; seed < 12; seed++) {
            int out = 1 + seed % 4, in = 1 + (seed / 2) % 3, n1 = 4 + seed % 3, n2 = 3 + seed % 4;
            Tensor k = ReferenceConv.randomKernel(seed, 1.0, out, in, 3, 3);
            Convolution c = Convolution.circular(k, n1, n2);
            double ex = exact(c);
            Bound b = CertifiedConvNorm.certifiedSigmaMax(c);
            assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
            assertThat(b.value()).isGreaterThanOrEqualTo(ex).isLessThanOrEqualTo(ex * (1 + 1e-6));
            Sandwich s = CertifiedConvNorm.sandwich(c);
            assertThat(s.contains(ex)).isTrue();
            assertThat(s.relativeGap()).isLessThan(1e-6);
        }
    }

    @Test
    void stridesGroupsDilationAndZeroPadding() {
        Tensor k = ReferenceConv.randomKernel(5, 1.0, 4, 2, 3, 3);
        Convolution[] cs = {
                ReferenceConv.conv2d(k, 6, 8, Padding.CIRCULAR, 0, 2, 2, 1, 1, 1),
                ReferenceConv.conv2d(k, 7, 8, Padding.CIRCULAR, 0, 2, 2, 1, 1, 1), // 2 does not divide 7
                ReferenceConv.conv2d(k, 6, 6, Padding.CIRCULAR, 0, 1, 1, 2, 1, 2),
                ReferenceConv.conv2d(k, 6, 5, Padding.ZERO, 1, 1, 1, 1, 1, 1),
                ReferenceConv.conv2d(k, 7, 6, Padding.ZERO, 0, 1, 1, 1, 1, 1),
                ReferenceConv.conv2d(k, 8, 7, Padding.ZERO, 2, 2, 3, 1, 2, 2),
                ReferenceConv.conv1d(ReferenceConv.randomKernel(6, 1, 3, 2, 5), 9, Padding.ZERO, 2, 2, 1, 1)};
        for (Convolution c : cs) {
            double ex = exact(c);
            Bound b = CertifiedConvNorm.certifiedSigmaMax(c);
            assertThat(b.value()).as(b.toString()).isGreaterThanOrEqualTo(ex);
        }
        // circular strides that divide n: tight
        double ex = exact(cs[0]);
        assertThat(CertifiedConvNorm.certifiedSigmaMax(cs[0]).value()).isLessThanOrEqualTo(ex * (1 + 1e-6));
    }

    @Test
    void nastyKernels() {
        // orthogonal (signed permutation) times a delta: σ = 1 with multiplicity m·n²
        int m = 4;
        Tensor d = Tensor.zeros(m, m, 3, 3);
        for (int o = 0; o < m; o++) d.data()[(o * m + (o + 1) % m) * 9 + 4] = o % 2 == 0 ? 1 : -1;
        // rank one in channels
        Tensor r1 = Tensor.zeros(m, m, 3, 3);
        Tensor u = ReferenceConv.randomKernel(1, 1, m), v = ReferenceConv.randomKernel(2, 1, m), w = ReferenceConv.randomKernel(3, 1, 9);
        for (int o = 0; o < m; o++) for (int i = 0; i < m; i++) for (int t = 0; t < 9; t++)
            r1.data()[(o * m + i) * 9 + t] = u.data()[o] * v.data()[i] * w.data()[t];
        Tensor[] ks = {d, r1, ReferenceConv.randomKernel(4, 1e-150, 3, 3, 3, 3), ReferenceConv.randomKernel(4, 1e150, 3, 3, 3, 3),
                Tensor.zeros(2, 2, 3, 3)};
        for (Tensor k : ks) {
            Convolution c = Convolution.circular(k, 5, 4);
            double ex = exact(c);
            Bound b = CertifiedConvNorm.certifiedSigmaMax(c);
            assertThat(b.value()).isGreaterThanOrEqualTo(ex).isLessThanOrEqualTo(ex * (1 + 1e-6));
            assertThat(Double.isFinite(b.value())).isTrue();
            assertThat(CertifiedConvNorm.sandwich(c).lower().value()).isLessThanOrEqualTo(ex);
        }
    }

    @Test
    void pointwiseKernelsAreBoundedByTheirChannelMatrices() {
        Tensor k = ReferenceConv.randomKernel(9, 1.0, 6, 4, 1, 1);
        Convolution[] cs = {
                ReferenceConv.conv2d(k, 5, 6, Padding.CIRCULAR, 0, 1, 1, 1, 1, 1),
                ReferenceConv.conv2d(k, 5, 6, Padding.CIRCULAR, 0, 2, 3, 1, 1, 1), // strides that do not divide n
                ReferenceConv.conv2d(k, 5, 6, Padding.ZERO, 1, 2, 2, 1, 1, 1),
                ReferenceConv.conv2d(ReferenceConv.randomKernel(10, 1e-150, 6, 2, 1, 1), 4, 4, Padding.ZERO, 0, 2, 2, 1, 1, 2),
                ReferenceConv.conv2d(ReferenceConv.randomKernel(11, 1e150, 6, 2, 1, 1), 4, 4, Padding.CIRCULAR, 0, 1, 1, 1, 1, 2)};
        for (Convolution c : cs) {
            double ex = exact(c);
            for (double tol : new double[] {1e-9, 1e-3}) {
                Bound b = CertifiedConvNorm.certifiedSigmaMax(c, tol);
                assertThat(b.method()).startsWith("pointwise");
                assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
                assertThat(b.value()).as(b.toString()).isGreaterThanOrEqualTo(ex).isLessThanOrEqualTo(ex * (1 + Math.max(tol, 1e-6)));
            }
        }
    }

    @Test
    void toleranceBoundsTheOvershootAlsoThroughLanczosRaises() {
        // 72 channels: above LANCZOS_FROM, the embedding route of ShiftCertificate
        // 130 channels: the blocked complex factorization (ShiftCertificate.BLOCKED_FROM) on upper triangles
        Tensor k = ReferenceConv.randomKernel(12, 1.0, 72, 72, 3, 3), big = ReferenceConv.randomKernel(13, 1.0, 130, 130, 3, 3);
        Convolution[] cs = {Convolution.circular(k, 4, 3), ReferenceConv.conv2d(k, 4, 4, Padding.CIRCULAR, 0, 2, 2, 1, 1, 1),
                Convolution.circular(big, 3, 3)};
        for (Convolution c : cs) {
            double ex = exact(c);
            for (double tol : new double[] {1e-9, 1e-6, 1e-3, 0.1}) {
                Bound b = CertifiedConvNorm.certifiedSigmaMax(c, tol);
                assertThat(b.value()).as("tol %g: %s", tol, b).isGreaterThanOrEqualTo(ex).isLessThanOrEqualTo(ex * (1 + tol + 1e-9));
            }
        }
    }

    @Test
    void soundnessRunCoversTheNativeFactorizationRoutes() {
        int cases = 80;
        long seed = 129; // a seed whose 80 cases include 2 blocked-route and 7 embedding-route ones
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int embedding = 0, blocked = 0;
        for (int c = 0; c < cases; c++) { // the run below draws the same cases
            Convolution conv = ConvSoundness.randomCase(r);
            int p = Math.min(conv.outChannels() / conv.groups(), conv.kernel().dim(1));
            if (Pointwise.applies(conv)) continue; // bounded by its channel matrix, no frequency certificate
            if (p >= io.lipschitz4j.linalg.ShiftCertificate.BLOCKED_FROM) blocked++;
            else if (p >= io.lipschitz4j.linalg.ShiftCertificate.NATIVE_FROM) embedding++;
        }
        assertThat(blocked).isGreaterThanOrEqualTo(2);
        assertThat(embedding).isGreaterThanOrEqualTo(5);
        ConvSoundness.Report rep = ConvSoundness.run(cases, seed, null);
        assertThat(rep.violations().values()).allMatch(x -> x == 0);
    }

    @Test
    void soundnessRunReportsNoViolations() {
        ConvSoundness.Report r = ConvSoundness.run(25, 7, null);
        assertThat(r.cases()).isEqualTo(25);
        assertThat(r.violations().values()).allMatch(x -> x == 0);
    }
}
