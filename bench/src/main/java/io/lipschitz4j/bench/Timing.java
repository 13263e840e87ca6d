package io.lipschitz4j.bench;

import java.util.function.Supplier;

/** Best-of-repeats wall time after warm-up runs (the JIT compiles the hot loops first), the same protocol as peers.py's best(). */
public final class Timing {
    private Timing() {}

    /** A timed result: best seconds and the value of the last run. */
    public record Timed<T>(double seconds, T value) {}

    public static <T> Timed<T> best(Supplier<T> f, int warmups, int repeats) {
        T v = null;
        for (int i = 0; i < warmups; i++) v = f.get();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            v = f.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return new Timed<>(best, v);
    }
}
