package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.train.Regularizer;

import java.util.List;

/**
 * Orthogonality penalty R(W) = λ‖WᵀW − I‖²_F on every weight of rank ≥ 2 (Dense W [out, in]; a conv
 * kernel reshaped to [out, in/groups·kH·kW]; biases are skipped), with gradient ∂R/∂W = 4λ·W(WᵀW − I)
 * (Brock et al. 2017; Bansal, Chen and Wang, NeurIPS 2018, "soft orthogonality").
 *
 * <p>For W m×n with m &lt; n the identity W(WᵀW − I) = (WWᵀ − I)W lets the m×m Gram be used, and since
 * WᵀW has the eigenvalues of WWᵀ plus n − m zeros, ‖WᵀW − I_n‖²_F = ‖WWᵀ − I_m‖²_F + (n − m): the
 * value is the same penalty, the constant does not change the gradient. Cost 4·m·n·min(m, n) flops.
 */
public final class OrthogonalityPenalty implements Regularizer {
    private final double lambda;

    public OrthogonalityPenalty(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("penalty weight must be >= 0 and finite, got " + lambda);
        this.lambda = lambda;
    }

    public double lambda() { return lambda; }

    @Override
    public double addGradientInPlace(List<Parameter> parameters) {
        double total = 0;
        for (Parameter p : parameters) {
            if (p.value().rank() < 2) continue;
            int m = p.value().dim(0), n = p.size() / m;
            total += addOne(p.value().data(), p.grad().data(), m, n);
        }
        return total;
    }

    /** Adds 4λ·W(WᵀW − I) into g and returns λ‖WᵀW − I‖²_F for W m×n row-major. */
    private double addOne(double[] w, double[] g, int m, int n) {
        boolean wide = m < n;
        int r = wide ? m : n;
        double[] gram = new double[r * r];
        if (wide) Blas.gemm(false, true, m, m, n, 1.0, w, n, w, n, 0.0, gram, m);   // W·Wᵀ
        else Blas.gemm(true, false, n, n, m, 1.0, w, n, w, n, 0.0, gram, n);        // Wᵀ·W
        double sq = 0;
        for (int i = 0; i < r; i++) gram[i * r + i] -= 1.0;
        for (double v : gram) sq += v * v;
        if (wide) Blas.gemm(false, false, m, n, m, 4 * lambda, gram, m, w, n, 1.0, g, n);  // += 4λ(WWᵀ − I)W
        else Blas.gemm(false, false, m, n, n, 4 * lambda, w, n, gram, n, 1.0, g, n);       // += 4λW(WᵀW − I)
        return lambda * (sq + (wide ? n - m : 0));
    }

    @Override public String toString() { return "ortho-penalty:" + lambda; }
}
