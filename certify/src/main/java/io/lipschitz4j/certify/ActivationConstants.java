package io.lipschitz4j.certify;

/**
 * Exact ℓ₂ Lipschitz constants of elementwise activations and of softmax, returned as certified upper
 * bounds (the exact value, rounded up where it is not a double). An elementwise map f applied
 * coordinatewise has ‖f(x) − f(y)‖₂ ≤ sup|f'|·‖x − y‖₂, with equality approached where |f'| peaks, so
 * its constant is exactly sup|f'|:
 * <ul>
 *   <li>ReLU, tanh, clip(min, max): 1 (tanh' = 1 − tanh² peaks at 0).</li>
 *   <li>LeakyReLU / PReLU with slope a: max(1, |a|) (per-channel slopes: the largest).</li>
 *   <li>sigmoid σ: σ' = σ(1 − σ) ≤ 1/4, at x = 0.</li>
 *   <li>hard-sigmoid max(0, min(1, αx + β)): |α| (PyTorch's Hardsigmoid is α = 1/6, β = 1/2).</li>
 *   <li>hard-swish x·relu6(x + 3)/6: on (−3, 3) the derivative is (2x + 3)/6 ∈ (−1/2, 3/2), 0 below −3
 *       and 1 above 3, so the supremum is 3/2 (approached as x → 3⁻).</li>
 *   <li>SiLU x·σ(x): f' = σ(1 + x(1 − σ)), f'' = σ(1 − σ)(2 + x(1 − 2σ)); f'' = 0 at ±x* with
 *       x* ≈ 2.39936 (root of 2 + x(1 − 2σ(x)), found by bisection), f'(x*) ≈ 1.09984 and
 *       f'(−x*) = 1 − f'(x*) ≈ −0.09984, so sup|f'| = f'(x*). Since f'(x*) is a maximum, an error δ in
 *       x* changes f' by O(δ²); the value is returned with a 1e-12 relative margin.</li>
 *   <li>softmax (last axis): 1/2. Its Jacobian J = diag(p) − ppᵀ is symmetric PSD and
 *       vᵀJv = Σpᵢvᵢ² − (Σpᵢvᵢ)² = ½Σᵢⱼpᵢpⱼ(vᵢ − vⱼ)² ≤ ½Σ_{i≠j}pᵢpⱼ·2(vᵢ² + vⱼ²)
 *       = 2Σᵢpᵢ(1 − pᵢ)vᵢ² ≤ 2·¼·‖v‖² = ½‖v‖², so ‖J‖₂ ≤ 1/2 everywhere (softmax is C¹ and its
 *       domain convex, so Lip = sup‖J‖₂ ≤ 1/2); p = (½, ½, 0, …), v = (1, −1, 0, …)/√2 gives vᵀJv = ½,
 *       approached by logits (0, 0, −t, …) as t → ∞, so 1/2 is exact.</li>
 * </ul>
 * Cost O(1) (SiLU: 200 bisection steps, once).
 */
public final class ActivationConstants {
    private ActivationConstants() {}

    private static final double SILU_ARGMAX = siluArgmax();
    private static final double SILU = Math.nextUp(siluDerivative(SILU_ARGMAX) * (1 + 1e-12));

    public static double relu() { return 1.0; }
    public static double tanh() { return 1.0; }
    public static double clip() { return 1.0; }
    public static double sigmoid() { return 0.25; }
    public static double hardSwish() { return 1.5; }
    public static double softmax() { return 0.5; }

    /** max(1, |a|). */
    public static double leakyRelu(double slope) { return Math.max(1.0, Math.abs(slope)); }

    /** max(1, maxᵢ|aᵢ|) over per-channel slopes. */
    public static double prelu(double[] slopes) {
        double m = 1.0;
        for (double a : slopes) {
            if (!Double.isFinite(a)) throw new IllegalArgumentException("PReLU slope is not finite: " + a);
            m = Math.max(m, Math.abs(a));
        }
        return m;
    }

    /** |α| of max(0, min(1, αx + β)). */
    public static double hardSigmoid(double alpha) { return Math.abs(alpha); }

    /** sup|d/dx x·σ(x)| ≈ 1.0998393 (rounded up with a 1e-12 relative margin). */
    public static double silu() { return SILU; }

    /** The maximiser x* ≈ 2.39936 of the SiLU derivative. */
    public static double siluArgmax() {
        // g(x) = 2 + x(1 − 2σ(x)) is positive at 0 and negative at 10; bisect to the double precision floor
        double lo = 0, hi = 10;
        for (int i = 0; i < 200 && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (2 + mid * (1 - 2 * sigmoidValue(mid)) > 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** d/dx x·σ(x) = σ(x)(1 + x(1 − σ(x))). */
    static double siluDerivative(double x) {
        double s = sigmoidValue(x);
        return s * (1 + x * (1 - s));
    }

    static double sigmoidValue(double x) { return 1 / (1 + Math.exp(-x)); }
}
