package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.spectral.Bound;

/**
 * One static entry point per convolution spectral-norm method, for the CLI and the certify module.
 * Each returns a {@link Bound} whose kind says what it guarantees; grouped convolutions are split
 * and combined by the max over groups ({@link Groups}) wherever the method works per group.
 */
public final class ConvBounds {
    private ConvBounds() {}

    /** Miyato et al. (2018) reshape number σ₁(K as [out, in/groups·k₁k₂]) — ESTIMATE. See {@link Miyato}. */
    public static Bound miyato(Convolution conv) { return Miyato.estimate(conv); }

    /** Certified UPPER by Gram iteration on the per-frequency Gram matrices ({@link GramIterationPerFrequency}). */
    public static Bound gramPerFrequency(Convolution conv, int iterations) { return GramIterationPerFrequency.upper(conv, iterations); }

    /** Singla &amp; Feizi (2021) √(k₁k₂)·min of four reshape norms, per group — certified UPPER for every geometry. */
    public static Bound singlaFeizi(Convolution conv) { return Groups.perGroup(conv, SinglaFeizi::upper); }

    /**
     * Power iteration on AᵀA with {@link ConvOperator}, certified LOWER bound ‖Ax‖/‖x‖ with rounding
     * accounted for; status CONVERGED when the estimate changes by ≤ tol relative, else MAX_ITERATIONS.
     */
    public static Bound powerIteration(Convolution conv, long seed, double tol, int maxIterations) {
        return ConvPowerIteration.lower(conv, seed, tol, maxIterations);
    }

    /**
     * Spatial Gram iteration of Delattre, Barthélemy &amp; Allauzen (2024) on the kernel, per group, with
     * rigorous rounding terms — certified UPPER for ZERO and CIRCULAR padding, any stride/dilation.
     * Runs {@code iterations} steps, stopping early when the bound improves by ≤ 1e−3 relative.
     */
    public static Bound spatialGram(Convolution conv, int iterations) { return spatialGram(conv, iterations, 1e-3); }

    /** {@link #spatialGram(Convolution, int)} with an explicit early-stop tolerance on the relative improvement. */
    public static Bound spatialGram(Convolution conv, int iterations, double tol) {
        return Groups.perGroup(conv, c -> SpatialGram.upper(c, iterations, tol));
    }

    /**
     * Strided layers: the given method on the polyphase layer (CIRCULAR, s | n: exact equivalence, kind
     * kept) or on the stride-1 layer (kept only as UPPER, since ‖SA‖ ≤ ‖A‖). See {@link Strides#bound}.
     * Example: {@code ConvBounds.strided(conv, c -> ConvBounds.spatialGram(c, 5))}.
     */
    public static Bound strided(Convolution conv, java.util.function.Function<Convolution, Bound> method) {
        return Strides.bound(conv, method);
    }
}
