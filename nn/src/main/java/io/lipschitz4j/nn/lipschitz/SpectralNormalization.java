package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.train.StepHook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spectral normalization (Miyato, Kataoka, Koyama and Yoshida, ICLR 2018, Alg. 1) applied to the
 * stored weights after each step: one power-iteration step from persistent vectors,
 * ṽ = Wᵀũ/‖Wᵀũ‖, ũ = Wṽ/‖Wṽ‖, σ̂ = ũᵀWṽ = ‖Wṽ‖, then W ← W/σ̂, so every layer's estimated norm is 1.
 * (Miyato et al. normalize inside the forward pass and differentiate through σ̂; as a post-step
 * hook the normalization is a projection onto the sphere ‖W‖₂ = 1 that uses the same estimate.)
 *
 * <p>Conv forms ({@link Form}): {@code RESHAPE} runs the iteration on the kernel reshaped to
 * [out, in/groups·kH·kW] (Miyato's choice; it neither bounds nor is bounded by the operator norm
 * exactly: ‖conv‖₂ ≤ √(kH·kW)·‖reshape‖₂ for stride 1), {@code OPERATOR} on the true convolution operator
 * at the layer's input size (Gouk et al. 2021; Farnia et al. 2019), so σ̂ estimates the operator norm.
 * Cost per layer and step: one product with W and one with Wᵀ.
 */
public final class SpectralNormalization implements StepHook {
    /** Which linear map of a Conv2d is normalized. */
    public enum Form { RESHAPE, OPERATOR }

    private final Form form;
    private final int iterations;
    private final LayerState state;
    private final Map<String, Double> lastSigmas = new LinkedHashMap<>();

    public SpectralNormalization(Form form, int iterations, long seed) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
        this.form = form;
        this.iterations = iterations;
        this.state = new LayerState(seed, form == Form.OPERATOR);
    }

    /** Miyato's setting: reshape form, one step per update, seed 0. */
    public SpectralNormalization() { this(Form.RESHAPE, 1, 0); }

    /** Creates the persistent vectors now (sample input shape without batch axis). */
    public SpectralNormalization bind(Layer model, int... inputShape) {
        state.bind(model, inputShape);
        return this;
    }

    @Override
    public void afterStep(Layer model, long step) {
        for (LinearLayers.Entry e : state.entries(model)) {
            LinearMap m = state.map(e);
            double sigma = state.vectors(e, m).step(m, iterations);
            lastSigmas.put(e.path(), sigma);
            if (sigma > 0) Weights.scaleInPlace(e.layer(), 1.0 / sigma);
        }
    }

    /** σ̂ per layer path at the last step (before dividing). */
    public Map<String, Double> lastSigmas() { return Map.copyOf(lastSigmas); }

    public Form form() { return form; }

    @Override public Map<String, double[]> state() { return state.state(); }

    @Override public String toString() { return "spectral-norm" + (form == Form.OPERATOR ? ":operator" : ""); }
}
