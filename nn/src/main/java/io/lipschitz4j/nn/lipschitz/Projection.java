package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.train.StepHook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projection onto the Lipschitz ball after each step (Gouk, Frank, Pfahringer and Cree, "Regularisation
 * of neural networks by enforcing Lipschitz continuity", Machine Learning 110, 2021, Alg. 1 and eq. (13)):
 * for every Dense and Conv2d weight, π_λ(W) = W / max(1, ‖W‖₂/λ), so each layer has ‖W‖₂ ≤ λ and the
 * product bound of the network is at most λ^depth.
 *
 * <p>Norm used ({@link Estimator}):
 * <ul>
 *   <li>{@code POWER} (default, as Gouk et al.): power iteration warm-started from persistent vectors,
 *       {@code iterations} steps per update — on W for Dense, on the true convolution operator at the
 *       layer's input size for Conv2d. Cost per layer and step: 2·iterations matrix-vector products
 *       (one sample's forward and backward for a conv). The estimate approaches ‖W‖₂ from below, so
 *       the constraint holds up to the estimate's gap.</li>
 *   <li>{@code CERTIFIED}: the spectral engine's certified UPPER bound U ≥ ‖W‖₂ ({@link LayerNorms}: Gram
 *       iteration for Dense, {@code CertifiedConvNorm} with the layer's real geometry for Conv2d). After
 *       W ← W·(λ/U), ‖W‖₂ ≤ λ·(1 + 2u) whatever the rounding. Costlier: O(n³) per Dense (Gram
 *       iteration), O(#frequencies·p³) per Conv2d.</li>
 * </ul>
 */
public final class Projection implements StepHook {
    /** How ‖W‖₂ is obtained. */
    public enum Estimator { POWER, CERTIFIED }

    private final double lambda;
    private final Estimator estimator;
    private final int iterations;
    private final LayerState state;
    private final Map<String, Double> lastNorms = new LinkedHashMap<>();

    public Projection(double lambda, Estimator estimator, int iterations, long seed) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("projection radius must be > 0 and finite, got " + lambda);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
        this.lambda = lambda;
        this.estimator = estimator;
        this.iterations = iterations;
        this.state = new LayerState(seed, true);
    }

    /** Power-iteration projection, 2 warm steps per update, seed 0. */
    public Projection(double lambda) { this(lambda, Estimator.POWER, 2, 0); }

    public double lambda() { return lambda; }
    public Estimator estimator() { return estimator; }

    /** Creates the persistent vectors now (sample input shape without batch axis), so {@link #state} is complete before the first step. */
    public Projection bind(Layer model, int... inputShape) {
        if (estimator == Estimator.POWER) state.bind(model, inputShape);
        return this;
    }

    @Override
    public void afterStep(Layer model, long step) {
        for (LinearLayers.Entry e : state.entries(model)) {
            double norm = estimator == Estimator.CERTIFIED ? LayerNorms.upper(e.layer()).value() : powerNorm(e);
            lastNorms.put(e.path(), norm);
            if (norm > lambda) Weights.scaleInPlace(e.layer(), lambda / norm);
        }
    }

    private double powerNorm(LinearLayers.Entry e) {
        LinearMap m = state.map(e);
        return state.vectors(e, m).step(m, iterations);
    }

    /** ‖W‖₂ per layer path as measured at the last step (before projecting). */
    public Map<String, Double> lastNorms() { return Map.copyOf(lastNorms); }

    @Override public Map<String, double[]> state() { return state.state(); }

    @Override public String toString() { return "projection:" + lambda + (estimator == Estimator.CERTIFIED ? ":certified" : ""); }
}
