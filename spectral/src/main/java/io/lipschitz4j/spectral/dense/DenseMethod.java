package io.lipschitz4j.spectral.dense;

import java.util.Arrays;
import java.util.Locale;

/** The dense spectral-norm methods by name, each with default parameters (factory, EJML style). */
public enum DenseMethod {
    /** {@link SvdNorm}: EXACT (LAPACK dgesdd). */
    SVD("svd"),
    /** {@link PowerIteration}: certified LOWER. */
    POWER("power"),
    /** {@link LanczosNorm}: ESTIMATE + certified LOWER. */
    LANCZOS("lanczos"),
    /** {@link RandomizedRangeFinder}: ESTIMATE + certified LOWER. */
    RANDOMIZED("randomized"),
    /** {@link AlternatingLeastSquares}: ESTIMATE. */
    ALS("als"),
    /** {@link GramIteration}: certified UPPER. */
    GRAM("gram"),
    /** {@link CholeskyCertificate}: certified UPPER. */
    CHOLESKY_CERTIFICATE("cholesky-certificate");

    private final String id;

    DenseMethod(String id) { this.id = id; }

    /** The name used on the command line. */
    public String id() { return id; }

    /** A new instance with default parameters (seed 0). */
    public SpectralNormMethod create() {
        return switch (this) {
            case SVD -> new SvdNorm();
            case POWER -> new PowerIteration();
            case LANCZOS -> new LanczosNorm();
            case RANDOMIZED -> new RandomizedRangeFinder();
            case ALS -> new AlternatingLeastSquares();
            case GRAM -> new GramIteration();
            case CHOLESKY_CERTIFICATE -> new CholeskyCertificate();
        };
    }

    /** Lookup by {@link #id()} (case-insensitive). */
    public static DenseMethod byName(String name) {
        for (DenseMethod m : values()) if (m.id.equals(name.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("unknown dense method '" + name + "', expected one of "
                + Arrays.stream(values()).map(DenseMethod::id).toList());
    }
}
