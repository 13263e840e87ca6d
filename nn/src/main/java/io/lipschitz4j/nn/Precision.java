package io.lipschitz4j.nn;

/**
 * Arithmetic precision of training. Tensors stay float64 at every public interface and parameters
 * stay float64 (master weights). In {@link #FLOAT32} mode, {@link Dense}, {@link Conv2d}, {@link ReLU}
 * and {@link Flatten} compute on float32 activations and {@link Sequential} passes float32 buffers
 * between consecutive such layers (converting only at the input, the output and around other layers);
 * products run in BLAS {@code sgemm} (about twice the throughput of {@code dgemm}), weights are rounded
 * to float once per forward and float32 gradients are added into the float64 ones (unit roundoff
 * 2⁻²⁴ ≈ 6·10⁻⁸). Training may use float32; certification (the spectral engine, {@code nn.eval})
 * always computes in float64 from the float64 weights, and finite-difference gradient checks run in
 * {@link #FLOAT64}.
 *
 * <p>The mode is a process-wide default read at each forward/backward ({@link #set}); the default is
 * FLOAT64 or the system property {@code lipschitz4j.nn.precision=float32}.
 */
public enum Precision {
    FLOAT64, FLOAT32;

    private static volatile Precision current =
            "float32".equalsIgnoreCase(System.getProperty("lipschitz4j.nn.precision")) ? FLOAT32 : FLOAT64;

    /** The precision layers use now. */
    public static Precision current() { return current; }

    /** Sets the process-wide precision; returns the previous one (so callers can restore it). */
    public static Precision set(Precision p) {
        if (p == null) throw new IllegalArgumentException("precision is null");
        Precision old = current;
        current = p;
        return old;
    }

    /** "float32"/"fp32"/"f32" or "float64"/"fp64"/"f64"/"double". */
    public static Precision byName(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "fp32", "f32", "float" -> FLOAT32;
            case "float64", "fp64", "f64", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "' (float32 or float64)");
        };
    }
}
