package io.lipschitz4j.nn.optim;

/**
 * A learning rate as a function of a step or epoch counter t = 0, 1, 2, …; the caller decides whether t
 * counts epochs or optimizer steps.
 */
@FunctionalInterface
public interface LrSchedule {

    double at(long t);

    static LrSchedule constant(double lr) { return t -> lr; }

    /**
     * PyTorch's {@code StepLR}: η_t = η₀·γ^⌊t/s⌋.
     */
    static LrSchedule step(double lr0, long stepSize, double gamma) {
        if (stepSize < 1) throw new IllegalArgumentException("step size must be >= 1, got " + stepSize);
        return t -> lr0 * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, SGDR, ICLR 2017, eq. 5, one cycle; PyTorch's closed form
     * of {@code CosineAnnealingLR}): η_t = η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2 for 0 ≤ t ≤ T, and
     * η_min after T.
     */
    static LrSchedule cosine(double lr0, double lrMin, long totalSteps) {
        if (totalSteps < 1) throw new IllegalArgumentException("total steps must be >= 1, got " + totalSteps);
        return t -> t >= totalSteps ? lrMin : lrMin + (lr0 - lrMin) * (1 + Math.cos(Math.PI * t / totalSteps)) / 2;
    }

    /** Linear warm-up from 0 over {@code warmup} counts, then this schedule shifted by the warm-up. */
    default LrSchedule withWarmup(long warmup) {
        return t -> t < warmup ? at(0) * (t + 1) / (double) warmup : at(t - warmup);
    }
}
