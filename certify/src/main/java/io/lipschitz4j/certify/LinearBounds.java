package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.lipschitz.LayerNorms;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.Padding;
import io.lipschitz4j.spectral.conv.Polyphase;

import java.time.Duration;
import io.lipschitz4j.spectral.Status;
import io.lipschitz4j.spectral.dense.CholeskyCertificate;
import io.lipschitz4j.spectral.dense.GramIteration;

/**
 * Certified operator norms of the linear nodes: dense maps by a Cholesky certificate (the Gram iteration
 * of Delattre et al. 2023 as the fallback), convolutions by the per-frequency Cholesky certificate on the layer's real geometry
 * ({@link LayerNorms#upper(Conv2d, int, int)}: input size, zero padding through its circular
 * embedding, stride, dilation, groups).
 */
final class LinearBounds {
    private LinearBounds() {}

    /**
     * Certified UPPER of a dense map: the Cholesky certificate of μI − WᵀW on the smaller Gram
     * ({@link CholeskyCertificate}, one syrk and one dpotrf: ResNet-18's 1000×512 head in ~10 ms instead of
     * ~0.3 s of Gram iteration), with the Gram iteration when the certificate does not converge.
     */
    static Bound dense(Tensor weight, int out, int in) {
        DenseMatrix w = new DenseMatrix(out, in, weight.data());
        Bound b = new CholeskyCertificate().norm(w);
        return b.status() == Status.CONVERGED ? b : new GramIteration().norm(w);
    }

    /**
     * Certified UPPER of a Conv2d at input size h×w. Strided layers: the circular cover of the layer
     * (zero padding embedded, {@link CertifiedConvNorm#circularCover}) is rewritten in polyphase form
     * (a stride-1 circular conv on the s² phase images, {@link Polyphase}: the same operator up to an
     * input permutation, so the same norm) before certifying. That lets the certificate work on the
     * smaller side of the stride-1 symbol: ResNet-18's conv1 (3 → 64, 7×7/2) becomes 12 → 64 with a
     * 4×4 kernel and a 12×12 Gram per frequency instead of 64×64 (18 s → well under 1 s). The
     * certificate is within about {@code tol} relative of the exact circular value.
     */
    static Bound conv(Conv2d c, int h, int w, double tol) {
        LayerNorms.Mapped m = LayerNorms.convolution(c, h, w);
        Convolution cover = CertifiedConvNorm.circularCover(m.conv());
        if (cover.unitStride() || !Polyphase.applies(cover) || !Polyphase.exact(cover)) return LayerNorms.upper(c, h, w, tol);
        long t0 = System.nanoTime();
        Bound b = CertifiedConvNorm.certifiedSigmaMax(Polyphase.transform(cover), tol);
        String method = (m.conv().padding() == Padding.ZERO ? "sedghi-cholesky (circular embedding, polyphase)" : "sedghi-cholesky (polyphase)")
                + (m.factor() == 1.0 ? "" : " x sqrt(row multiplicity)");
        double f = m.factor();
        return new Bound(f == 1.0 ? b.value() : Math.nextUp(b.value() * f), BoundKind.UPPER, f == 1.0 ? b.errorTerm() : Math.nextUp(b.errorTerm() * f),
                method, b.iterations(), b.status(), b.residual(), Duration.ofNanos(System.nanoTime() - t0));
    }
}
