package io.lipschitz4j.nn;

/**
 * A {@link FloatLayer} that can apply a {@link ReLU} that follows it while it writes its own float32
 * output, so that {@link Sequential} runs the pair's forward as one pass: y = max(f(x), 0), bit for bit
 * what the two layers give apart, without the ReLU's own pass that re-read and re-wrote the whole
 * activation (0.2–0.4 s of the CNN epoch). The ReLU then records y as its output
 * ({@link ReLU#forward32Fused}) and runs its backward as usual.
 *
 * <p>The backward is not fused: masking the gradient while it is gathered cost as much as the ReLU's own
 * pass (both are scalar loops, about 1 ns per entry, which C2 does not vectorize).
 */
interface ReLUFusable extends FloatLayer {

    /** max(f(x), 0) in float32, NaN kept (as {@link ReLU#forward32}); {@link #backward32} then follows as after {@link #forward32}. */
    FloatTensor forward32ThenReLU(FloatTensor x);
}
