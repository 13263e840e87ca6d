package io.lipschitz4j.linalg;

import dev.ludovic.netlib.arpack.ARPACK;
import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * Implicitly restarted Lanczos (ARPACK {@code dsaupd}/{@code dseupd}, Lehoucq, Sorensen and Yang,
 * <i>ARPACK Users' Guide</i>, SIAM 1998, §2.3 and Appendix A) for the largest algebraic eigenvalues
 * of a real symmetric operator given only by its action, in regular mode (mode 1, {@code BMAT='I'},
 * {@code WHICH='LA'}), through reverse communication.
 *
 * <p>Cost: O(ncv·n) memory, per restart O(ncv²·n) flops for the implicit QR restarts plus one operator
 * application per new Lanczos vector. Precision: a Ritz pair is accepted when
 * ‖A x − θ x‖ ≤ tol·|θ| (ARPACK's criterion); the caller certifies from the vector, not from θ.
 * The starting vector is a seeded Gaussian (INFO = 1 on entry), so runs are reproducible.
 */
public final class Arpack {
    private Arpack() {}

    /** The symmetric operator y ← A x on arrays at offsets (ARPACK's work array holds both). */
    @FunctionalInterface
    public interface SymmetricOperator {
        void apply(double[] x, int xOff, double[] y, int yOff);
    }

    /**
     * Result of {@link #largest}.
     *
     * @param values     converged Ritz values, descending (length = converged)
     * @param vectors    the Ritz vectors, row i holding the vector of values[i] (converged × n, row-major)
     * @param converged  number of converged Ritz values (ARPACK {@code IPARAM(5)})
     * @param restarts   implicit restarts performed ({@code IPARAM(3)} on exit)
     * @param products   operator applications ({@code IPARAM(9)})
     * @param hitLimit   true when ARPACK stopped on its restart cap (INFO = 1)
     */
    public record Result(double[] values, DenseMatrix vectors, int converged, int restarts, int products, boolean hitLimit) {}

    /**
     * The nev largest eigenvalues and eigenvectors of the n×n symmetric operator {@code op}.
     *
     * @param ncv         Lanczos basis size (nev &lt; ncv ≤ n); 0 picks min(n, max(2·nev+1, 20))
     * @param tol         relative residual tolerance (0 means machine precision)
     * @param maxRestarts cap on implicit restarts
     * @throws IllegalArgumentException unless 0 &lt; nev &lt; n
     * @throws LinalgException on an ARPACK error code
     */
    public static Result largest(int n, int nev, int ncv, SymmetricOperator op, double tol, int maxRestarts, long seed) {
        if (nev <= 0 || nev >= n) throw new IllegalArgumentException("ARPACK needs 0 < nev < n, got nev=" + nev + ", n=" + n);
        if (ncv == 0) ncv = Math.min(n, Math.max(2 * nev + 1, 20));
        if (ncv <= nev || ncv > n) throw new IllegalArgumentException("need nev < ncv <= n, got ncv=" + ncv);
        ARPACK ar = Backend.current().arpack();
        intW ido = new intW(0);
        intW info = new intW(1);
        doubleW tolW = new doubleW(tol);
        double[] resid = Gaussian.vector(n, seed);
        double[] v = new double[n * ncv];
        int[] iparam = new int[11];
        iparam[0] = 1;            // exact shifts
        iparam[2] = maxRestarts;  // cap
        iparam[6] = 1;            // mode 1: A x = λ x
        int[] ipntr = new int[11];
        double[] workd = new double[3 * n];
        int lworkl = ncv * (ncv + 8);
        double[] workl = new double[lworkl];
        while (true) {
            ar.dsaupd(ido, "I", n, "LA", nev, tolW, resid, ncv, v, n, iparam, ipntr, workd, workl, lworkl, info);
            if (ido.val == 1 || ido.val == -1) {
                op.apply(workd, ipntr[0] - 1, workd, ipntr[1] - 1);
            } else {
                break;
            }
        }
        if (info.val < 0) throw new LinalgException("dsaupd: INFO=" + info.val);
        boolean hitLimit = info.val == 1;
        int nconv = iparam[4];
        if (nconv == 0) return new Result(new double[0], DenseMatrix.zeros(0, n), 0, iparam[2], iparam[8], hitLimit);
        double[] d = new double[nev];
        double[] z = new double[n * nev];
        intW nevW = new intW(nev);
        intW info2 = new intW(0);
        ar.dseupd(true, "A", new boolean[ncv], d, z, n, 0.0, "I", n, "LA", nevW, tolW.val, resid, ncv, v, n,
                iparam, ipntr, workd, workl, lworkl, info2);
        if (info2.val != 0) throw new LinalgException("dseupd: INFO=" + info2.val);
        int k = Math.min(nconv, nev);
        // dseupd returns the values ascending; the columns of z (column-major, ld n) are the vectors.
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a]));
        double[] vals = new double[k];
        double[] vecs = new double[k * n];
        for (int i = 0; i < k; i++) {
            vals[i] = d[order[i]];
            System.arraycopy(z, order[i] * n, vecs, i * n, n);
        }
        return new Result(vals, new DenseMatrix(k, n, vecs), nconv, iparam[2], iparam[8], hitLimit);
    }
}
