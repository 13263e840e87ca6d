package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;

/**
 * Unfoldings of a kernel K[o, c, a, b] (out × in × k₁ × k₂; a 1-D kernel is read with k₂ = 1) into
 * matrices, written with K_ab = K[:, :, a, b] (out × in):
 * <ul>
 *   <li>{@link #miyato}: [out, in·k₁·k₂], row o = K[o, :, :, :] flattened in C order — the matrix of
 *       spectral normalization (Miyato et al. 2018, §2.1 and the conv case of their appendix);</li>
 *   <li>{@link #horizontal} T = [K_00 K_01 … K_{k₁−1,k₂−1}]: out × (k₁k₂·in) — a column permutation
 *       of the Miyato matrix, so the same norm;</li>
 *   <li>{@link #vertical} U = [K_00; K_01; …]: (k₁k₂·out) × in;</li>
 *   <li>{@link #rowsByFirstAxis} R: (k₁·out) × (k₂·in), block (a, b) = K_ab;</li>
 *   <li>{@link #rowsBySecondAxis} S: (k₂·out) × (k₁·in), block (b, a) = K_ab.</li>
 * </ul>
 * R, S, T, U are the four reshapes of Singla &amp; Feizi (2021) — see {@link SinglaFeizi}.
 * Cost O(size of K) each; the copies are exact.
 */
final class KernelReshapes {
    private KernelReshapes() {}

    static DenseMatrix miyato(Tensor k) {
        int out = k.dim(0);
        return new DenseMatrix(out, k.size() / out, k.data().clone());
    }

    static DenseMatrix horizontal(Tensor k) {
        int out = k.dim(0), in = k.dim(1), k1 = k.dim(2), k2 = k.rank() == 4 ? k.dim(3) : 1;
        DenseMatrix m = DenseMatrix.zeros(out, k1 * k2 * in);
        for (int o = 0; o < out; o++) for (int c = 0; c < in; c++) for (int a = 0; a < k1; a++) for (int b = 0; b < k2; b++)
            m.set(o, (a * k2 + b) * in + c, at(k, o, c, a, b));
        return m;
    }

    static DenseMatrix vertical(Tensor k) {
        int out = k.dim(0), in = k.dim(1), k1 = k.dim(2), k2 = k.rank() == 4 ? k.dim(3) : 1;
        DenseMatrix m = DenseMatrix.zeros(k1 * k2 * out, in);
        for (int o = 0; o < out; o++) for (int c = 0; c < in; c++) for (int a = 0; a < k1; a++) for (int b = 0; b < k2; b++)
            m.set((a * k2 + b) * out + o, c, at(k, o, c, a, b));
        return m;
    }

    static DenseMatrix rowsByFirstAxis(Tensor k) {
        int out = k.dim(0), in = k.dim(1), k1 = k.dim(2), k2 = k.rank() == 4 ? k.dim(3) : 1;
        DenseMatrix m = DenseMatrix.zeros(k1 * out, k2 * in);
        for (int o = 0; o < out; o++) for (int c = 0; c < in; c++) for (int a = 0; a < k1; a++) for (int b = 0; b < k2; b++)
            m.set(a * out + o, b * in + c, at(k, o, c, a, b));
        return m;
    }

    static DenseMatrix rowsBySecondAxis(Tensor k) {
        int out = k.dim(0), in = k.dim(1), k1 = k.dim(2), k2 = k.rank() == 4 ? k.dim(3) : 1;
        DenseMatrix m = DenseMatrix.zeros(k2 * out, k1 * in);
        for (int o = 0; o < out; o++) for (int c = 0; c < in; c++) for (int a = 0; a < k1; a++) for (int b = 0; b < k2; b++)
            m.set(b * out + o, a * in + c, at(k, o, c, a, b));
        return m;
    }

    private static double at(Tensor k, int o, int c, int a, int b) {
        int in = k.dim(1), k1 = k.dim(2), k2 = k.rank() == 4 ? k.dim(3) : 1;
        return k.data()[((o * in + c) * k1 + a) * k2 + b];
    }
}
