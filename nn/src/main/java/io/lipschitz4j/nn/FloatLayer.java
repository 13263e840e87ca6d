package io.lipschitz4j.nn;

/**
 * A layer with a float32 path, which {@link Sequential} chains under {@link Precision#FLOAT32} so that
 * consecutive such layers pass float buffers to each other with no float64 round trip and no
 * per-batch allocation (PyTorch trains the models in float32; converting every activation
 * to double and back cost about a third of an epoch).
 *
 * <p>Buffer contract, which is what makes in-place activations safe: the tensor returned by
 * {@link #forward32} (or {@link #backward32}) is owned by the layer and valid until its next call of
 * the same method; a layer may keep a reference to its <em>input</em> for its backward, but never
 * relies on its <em>output</em> staying unchanged, so the next layer may overwrite that output in
 * place ({@link ReLU} does). Likewise {@link #backward32} may overwrite the gradient it is given.
 * Parameters stay float64 (master weights): the layer rounds them to float at each forward and
 * adds its float32 parameter gradients into the float64 {@link Parameter#grad()}s.
 */
interface FloatLayer extends Layer {

    /** y = f(x) in float32; remembers what {@link #backward32} needs. */
    FloatTensor forward32(FloatTensor x);

    /**
     * Adds ∂L/∂θ into the parameter gradients and, when {@code inputGradient}, returns ∂L/∂x (else
     * {@code null}), for the last {@link #forward32}.
     */
    FloatTensor backward32(FloatTensor gradOutput, boolean inputGradient);
}
