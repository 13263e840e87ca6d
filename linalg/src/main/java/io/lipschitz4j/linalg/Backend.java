package io.lipschitz4j.linalg;

import dev.ludovic.netlib.arpack.ARPACK;
import dev.ludovic.netlib.arpack.JavaARPACK;
import dev.ludovic.netlib.arpack.NativeARPACK;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;

/**
 * Which implementation of BLAS/LAPACK/ARPACK the facades call: {@link #NATIVE} is the system library
 * through JNI (OpenBLAS when Debian's {@code libopenblas0} is installed, {@code libarpack2} for
 * ARPACK), {@link #JAVA} is netlib's pure-Java translation. Default: native when it loads, else Java.
 * Tests run their contracts on both ({@link #use}).
 */
public enum Backend {
    NATIVE, JAVA;

    private static volatile Backend current = nativeAvailable() ? NATIVE : JAVA;

    /** The backend the facades use now. */
    public static Backend current() { return current; }

    /** Switch backend (tests and benchmarks); throws if native is asked for but does not load. */
    public static void use(Backend b) {
        if (b == NATIVE && !nativeAvailable()) throw new IllegalStateException("native BLAS/LAPACK not available: " + nativeProblem());
        current = b;
    }

    /** True when native BLAS and LAPACK both load. */
    public static boolean nativeAvailable() { return nativeProblem() == null; }

    /** Why native does not load, or null when it does. */
    public static String nativeProblem() { return Holder.PROBLEM; }

    /** True when native ARPACK loads (Debian {@code libarpack2}). */
    public static boolean nativeArpackAvailable() { return Holder.ARPACK_NATIVE != null; }

    BLAS blas() { return this == NATIVE ? Holder.BLAS_NATIVE : JavaBLAS.getInstance(); }
    LAPACK lapack() { return this == NATIVE ? Holder.LAPACK_NATIVE : JavaLAPACK.getInstance(); }
    ARPACK arpack() {
        return this == NATIVE && Holder.ARPACK_NATIVE != null ? Holder.ARPACK_NATIVE : JavaARPACK.getInstance();
    }

    /**
     * OpenBLAS reads {@code OPENBLAS_NUM_THREADS} once, when it loads, so the thread count is set by
     * the environment of the process (the {@code ./lipschitz} launcher, surefire and the bench set 1;
     * on 2-core machines 2 threads is many times slower). This reports what is in force.
     */
    public static String threadSetting() {
        if (current != NATIVE) return "pure-Java netlib (single-threaded)";
        String t = System.getenv("OPENBLAS_NUM_THREADS");
        return t == null ? "native BLAS, OPENBLAS_NUM_THREADS unset (library default: all cores)"
                : "native BLAS, OPENBLAS_NUM_THREADS=" + t;
    }

    /** One line for reports: backend and thread setting. */
    public static String describe() { return current.name().toLowerCase() + " (" + threadSetting() + ")"; }

    private static final class Holder {
        static final BLAS BLAS_NATIVE;
        static final LAPACK LAPACK_NATIVE;
        static final ARPACK ARPACK_NATIVE;
        static final String PROBLEM;

        static {
            BLAS b = null;
            LAPACK l = null;
            String problem = null;
            try {
                b = NativeBLAS.getInstance();
                l = NativeLAPACK.getInstance();
            } catch (Throwable t) {
                problem = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            ARPACK a = null;
            try {
                a = NativeARPACK.getInstance();
            } catch (Throwable t) {
                a = null;
            }
            BLAS_NATIVE = b;
            LAPACK_NATIVE = l;
            ARPACK_NATIVE = a;
            PROBLEM = problem;
        }
    }
}
