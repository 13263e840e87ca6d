package io.lipschitz4j.tensor;

/**
 * The result of a decomposition: the model, how the method ended, the number of iterations (sweeps)
 * and the history of relative errors ‖X − X̂‖/‖X‖ (one entry per iteration; one entry for a direct
 * method). For masked CP the errors are over the observed entries only.
 *
 * @param <T> the model type ({@link CPTensor}, {@link TuckerTensor}, {@link TTTensor}, {@link HTTensor})
 */
public record Fit<T>(T model, Status status, int iterations, double[] errorHistory) {
    public Fit {
        errorHistory = errorHistory.clone();
    }

    /** The last relative error (NaN when the history is empty). */
    public double relativeError() {
        return errorHistory.length == 0 ? Double.NaN : errorHistory[errorHistory.length - 1];
    }

    @Override public double[] errorHistory() { return errorHistory.clone(); }

    @Override public String toString() {
        return "Fit[" + model + ", " + status + ", iterations=" + iterations + ", relativeError=" + relativeError() + "]";
    }
}
