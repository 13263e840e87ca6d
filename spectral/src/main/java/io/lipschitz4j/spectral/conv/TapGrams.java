package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Rounding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-frequency Gram matrices of one group of a circular convolution, built from cross-Grams of
 * the kernel taps instead of from the symbol.
 *
 * <p>Theory (Sedghi, Gupta and Long, ICLR 2019, Thm 6; stride by aliasing, derived below). With taps
 * t = (a, b) at grid offsets φ_t = (a·d₁, b·d₂) and tap matrices M_t (p×q), the symbol of the
 * stride-1 operator at frequency f is N(f) = Σ_t M_t·ω^{φ_t·f}, ω^{x·f} = e^{2πi(x₁f₁/n₁ + x₂f₂/n₂)},
 * and the circular operator is unitarily equivalent to diag_f N(f). Its Gram is
 * <pre>  H(f) = N(f)·N(f)ᴴ = G₀ + Σ_{Δ&gt;0} [cos θ_Δ·(G_Δ + G_Δᵀ) + i·sin θ_Δ·(G_Δ − G_Δᵀ)],
 *   G_Δ = Σ_{φ_t − φ_t' = Δ} M_t·M_t'ᵀ,  θ_Δ = 2π(Δ₁f₁/n₁ + Δ₂f₂/n₂),</pre>
 * so all H(f) cost 2·D·p² multiply–adds each (D = 2k₁k₂ − k₁ − k₂ + ... offsets Δ &gt; 0, 12 for 3×3; stride 1
 * groups the phases by Δ₁ for about (4k₁ − 2)·p², see {@link #prepare})
 * after one syrk (G₀) and one gemm per tap pair (T²p²q/2 multiply–adds in all). M_t = K_t (output side, H = P·Pᴴ) or M_t = K_tᵀ
 * (input side, H = conj(Pᴴ·P), same eigenvalues); the smaller side is used.
 *
 * <p>Stride s dividing n (per axis): y = (subsample by s)∘(stride-1 conv). With unitary DFTs,
 * ŷ(g) = s^{-1/2}·Σ_r ẑ(g + r·n/s) (aliasing, r over the S = s₁s₂ aliases), so the strided operator is
 * unitarily block diagonal over output frequencies g ∈ [0, n₁/s₁)×[0, n₂/s₂) with blocks
 * Q(g) = S^{-1/2}·[P(g + r∘n/s)]_r of size m_out×(S·m_in), and Q(g)Q(g)ᴴ = S⁻¹·Σ_r H(g + r∘n/s):
 * the output-side Grams of the aliased frequencies, averaged. Its min(m_out, S·m_in) largest
 * eigenvalues are the squared singular values at g.
 *
 * <p>All values are for the kernel scaled by 2^e (exact), chosen by the caller.
 */
final class TapGrams {
    final int p, q, taps, n1, n2, s1, s2, o1, o2, aliases;
    final boolean outputSide;
    final double[] g0;          // p×p
    final int[] d1, d2;         // positive offsets Δ
    final double[] sym, anti;   // D blocks of p×p: G+Gᵀ and G−Gᵀ
    final double[][] tapMat;    // T matrices p×q (scaled)
    final int[] pos1, pos2;     // tap offsets φ_t
    final double[] absSum;      // Σ_t |M_t|, p×q
    final Twiddles tw;

    private TapGrams(int p, int q, int taps, int n1, int n2, int s1, int s2, boolean outputSide,
                     double[][] tapMat, int[] pos1, int[] pos2, Twiddles tw) {
        this.p = p; this.q = q; this.taps = taps; this.n1 = n1; this.n2 = n2; this.s1 = s1; this.s2 = s2;
        this.o1 = n1 / s1; this.o2 = n2 / s2; this.aliases = s1 * s2;
        this.outputSide = outputSide; this.tapMat = tapMat; this.pos1 = pos1; this.pos2 = pos2; this.tw = tw;
        absSum = new double[p * q];
        for (double[] m : tapMat) for (int i = 0; i < p * q; i++) absSum[i] += Math.abs(m[i]);
        // offsets Δ = φ_t − φ_u > 0 (lexicographic); negative ones are transposes
        List<int[]> offs = new ArrayList<>();
        for (int t = 0; t < taps; t++) {
            for (int u = 0; u < taps; u++) {
                int e1 = pos1[t] - pos1[u], e2 = pos2[t] - pos2[u];
                if (e1 > 0 || (e1 == 0 && e2 > 0)) {
                    boolean seen = false;
                    for (int[] o : offs) if (o[0] == e1 && o[1] == e2) { seen = true; break; }
                    if (!seen) offs.add(new int[] {e1, e2});
                }
            }
        }
        int dn = offs.size(), pp = p * p, qp = q * p;
        d1 = new int[dn];
        d2 = new int[dn];
        for (int k = 0; k < dn; k++) { d1[k] = offs.get(k)[0]; d2[k] = offs.get(k)[1]; }
        // A_t = M_tᵀ (q×p), stacked: M_t·M_uᵀ = A_tᵀ·A_u
        double[] at = new double[taps * qp];
        for (int t = 0; t < taps; t++) {
            for (int i = 0; i < p; i++) for (int j = 0; j < q; j++) at[t * qp + j * p + i] = tapMat[t][i * q + j];
        }
        // G₀ = Σ_t A_tᵀA_t: one syrk on the stack (upper triangle), mirrored
        g0 = new double[pp];
        Blas.syrkAtA(p, taps * q, 1.0, at, p, 0.0, g0, p);
        for (int i = 0; i < p; i++) for (int j = 0; j < i; j++) g0[i * p + j] = g0[j * p + i];
        // G_Δ = Σ_{φ_t − φ_u = Δ} A_tᵀA_u, accumulated by gemm (β = 1) straight from the stack
        sym = new double[dn * pp];
        anti = new double[dn * pp];
        double[] g = new double[pp];
        for (int k = 0; k < dn; k++) {
            double beta = 0;
            for (int t = 0; t < taps; t++) {
                for (int u = 0; u < taps; u++) {
                    if (pos1[t] - pos1[u] != d1[k] || pos2[t] - pos2[u] != d2[k]) continue;
                    Blas.gemm(true, false, p, p, q, 1.0, at, t * qp, p, at, u * qp, p, beta, g, 0, p);
                    beta = 1;
                }
            }
            symmetricParts(g, p, sym, anti, k * pp);
        }
    }

    /** sym = G + Gᵀ and anti = G − Gᵀ at offset {@code off}, in 32×32 tiles (the transposed reads stay in cache). */
    private static void symmetricParts(double[] g, int p, double[] sym, double[] anti, int off) {
        final int tile = 32;
        for (int i0 = 0; i0 < p; i0 += tile) {
            for (int j0 = 0; j0 < p; j0 += tile) {
                int i1 = Math.min(p, i0 + tile), j1 = Math.min(p, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        double x = g[i * p + j], y = g[j * p + i];
                        sym[off + i * p + j] = x + y;
                        anti[off + i * p + j] = x - y;
                    }
                }
            }
        }
    }

    /**
     * Tap Grams of group {@code group} of a circular convolution, kernel scaled by 2^scaleExp.
     *
     * @param side +1 output side (M_t = K_t), −1 input side (M_t = K_tᵀ), 0 the smaller one
     *             (always output side for stride &gt; 1)
     */
    static TapGrams of(Convolution conv, int group, int scaleExp, int side) {
        if (conv.padding() != Padding.CIRCULAR) throw new IllegalArgumentException("exact spectra need circular padding");
        int sd = conv.spatialDims();
        int[] n = conv.inputSize(), st = conv.stride(), dl = conv.dilation();
        int n1 = sd == 2 ? n[0] : 1, n2 = n[sd - 1];
        int s1 = sd == 2 ? st[0] : 1, s2 = st[sd - 1];
        int dd1 = sd == 2 ? dl[0] : 1, dd2 = dl[sd - 1];
        if (n1 % s1 != 0 || n2 % s2 != 0) {
            throw new IllegalArgumentException("the exact circular spectrum needs each stride to divide the input size, got stride "
                    + Arrays.toString(st) + " and input " + Arrays.toString(n));
        }
        int k1 = sd == 2 ? conv.kernelSize(0) : 1, k2 = conv.kernelSize(sd - 1);
        int og = conv.outChannels() / conv.groups(), ig = conv.kernel().dim(1);
        boolean out = side > 0 || (side == 0 && (s1 * s2 > 1 || og <= ig));
        int p = out ? og : ig, q = out ? ig : og, taps = k1 * k2;
        double[] kd = conv.kernel().data();
        double[][] mats = new double[taps][p * q];
        int[] pos1 = new int[taps], pos2 = new int[taps];
        for (int a = 0; a < k1; a++) {
            for (int b = 0; b < k2; b++) {
                int t = a * k2 + b;
                pos1[t] = a * dd1;
                pos2[t] = b * dd2;
                for (int o = 0; o < og; o++) {
                    for (int i = 0; i < ig; i++) {
                        double v = Math.scalb(kd[(((group * og + o) * ig + i) * k1 + a) * k2 + b], scaleExp);
                        if (out) mats[t][o * q + i] = v; else mats[t][i * q + o] = v;
                    }
                }
            }
        }
        return new TapGrams(p, q, taps, n1, n2, s1, s2, out, mats, pos1, pos2, new Twiddles(n1, n2));
    }

    private double trG0 = Double.NaN;
    private double[] trSym;

    /**
     * tr H̃(g) = Σ_i λ_i(H(g)) up to rounding (the antisymmetric parts have a zero diagonal), in O(D·S)
     * after an O(D·p) first call: a cheap predictor of the class with the largest λ_max, not a bound.
     */
    double traceAt(int g1, int g2) {
        if (trSym == null) {
            double t0 = 0;
            for (int i = 0; i < p; i++) t0 += g0[i * p + i];
            double[] ts = new double[d1.length];
            for (int k = 0; k < d1.length; k++) for (int i = 0; i < p; i++) ts[k] += sym[k * p * p + i * p + i];
            trG0 = t0;
            trSym = ts;
        }
        double s = 0;
        for (int r1 = 0; r1 < s1; r1++) {
            for (int r2 = 0; r2 < s2; r2++) {
                double t = trG0;
                for (int k = 0; k < d1.length; k++) t += tw.cos(tw.index(d1[k], g1 + r1 * o1, d2[k], g2 + r2 * o2)) * trSym[k];
                s += t;
            }
        }
        return s / aliases;
    }

    /** Number of singular values per output frequency: min(p, S·q) (stride &gt; 1 uses the output side). */
    int valuesPerFrequency() { return Math.min(p, aliases * q); }

    /** H̃(g) into hr, hi (p×p, full storage), stride-averaged over the aliases of output frequency g. */
    void gramAt(int g1, int g2, double[] hr, double[] hi) {
        int pp = p * p;
        if (aliases == 1) {
            stride1Gram(g1, g2, hr, hi);
            return;
        }
        // aliases visit many f2 values: the direct D-term sum, no per-f2 blocks
        double[] tr = new double[pp], ti = new double[pp];
        Arrays.fill(hr, 0, pp, 0);
        Arrays.fill(hi, 0, pp, 0);
        for (int r1 = 0; r1 < s1; r1++) {
            for (int r2 = 0; r2 < s2; r2++) {
                stride1GramDirect(g1 + r1 * o1, g2 + r2 * o2, tr, ti);
                for (int i = 0; i < pp; i++) { hr[i] += tr[i]; hi[i] += ti[i]; }
            }
        }
        double inv = 1.0 / aliases;
        for (int i = 0; i < pp; i++) { hr[i] *= inv; hi[i] *= inv; }
    }

    // separable phase sums (stride 1): blocks for the fixed second-axis frequency f2 (see stride1Gram)
    private int[] axis1;          // distinct Δ₁ > 0
    private double[] r0, i0;      // Re/Im of the Δ₁ = 0 part at f2 (G₀ included in r0)
    private double[][] cBlk, dBlk, eBlk, fBlk; // per Δ₁ = a: Σ_b cos βb·S, −Σ_b sin βb·S, Σ_b cos βb·A, Σ_b sin βb·A
    private int preparedF2 = -1;

    /**
     * Builds the f2-dependent blocks: with α = 2πf₁/n₁, β = 2πf₂/n₂ and θ_Δ = αΔ₁ + βΔ₂,
     * Re H = R₀ + Σ_a [cos αa·C_a + sin αa·D_a], Im H = I₀ + Σ_a [sin αa·E_a + cos αa·F_a]
     * (angle-addition formulas grouped by Δ₁ = a), so each H(f) costs 2·(2·#a + 1) array passes
     * instead of 2·D. Costs 2·D·p² once per f2.
     */
    private void prepare(int f2) {
        int pp = p * p;
        if (axis1 == null) {
            axis1 = Arrays.stream(d1).filter(x -> x > 0).distinct().sorted().toArray();
            r0 = new double[pp];
            i0 = new double[pp];
            cBlk = new double[axis1.length][pp];
            dBlk = new double[axis1.length][pp];
            eBlk = new double[axis1.length][pp];
            fBlk = new double[axis1.length][pp];
        }
        System.arraycopy(g0, 0, r0, 0, pp);
        Arrays.fill(i0, 0);
        for (int a = 0; a < axis1.length; a++) {
            Arrays.fill(cBlk[a], 0);
            Arrays.fill(dBlk[a], 0);
            Arrays.fill(eBlk[a], 0);
            Arrays.fill(fBlk[a], 0);
        }
        double[] sk = new double[pp], ak = new double[pp];
        for (int k = 0; k < d1.length; k++) {
            int ix = tw.index(0, 0, d2[k], f2);
            double c = tw.cos(ix), s = tw.sin(ix);
            System.arraycopy(sym, k * pp, sk, 0, pp);
            System.arraycopy(anti, k * pp, ak, 0, pp);
            if (d1[k] == 0) {
                for (int i = 0; i < pp; i++) { r0[i] += c * sk[i]; i0[i] += s * ak[i]; }
            } else {
                int a = Arrays.binarySearch(axis1, d1[k]);
                double[] cb = cBlk[a], db = dBlk[a], eb = eBlk[a], fb = fBlk[a];
                for (int i = 0; i < pp; i++) { cb[i] += c * sk[i]; db[i] -= s * sk[i]; }
                for (int i = 0; i < pp; i++) { eb[i] += c * ak[i]; fb[i] += s * ak[i]; }
            }
        }
        preparedF2 = f2;
    }

    private void stride1Gram(int f1, int f2, double[] hr, double[] hi) {
        if (preparedF2 != f2) prepare(f2);
        int pp = p * p;
        System.arraycopy(r0, 0, hr, 0, pp);
        System.arraycopy(i0, 0, hi, 0, pp);
        for (int a = 0; a < axis1.length; a++) {
            int ix = tw.index(axis1[a], f1, 0, 0);
            double c = tw.cos(ix), s = tw.sin(ix);
            double[] cb = cBlk[a], db = dBlk[a], eb = eBlk[a], fb = fBlk[a];
            for (int i = 0; i < pp; i++) hr[i] += c * cb[i] + s * db[i];
            for (int i = 0; i < pp; i++) hi[i] += s * eb[i] + c * fb[i];
        }
    }

    /**
     * The upper triangles (j ≥ i) of H̃(g) into hr, hi, for certificates that read nothing else
     * ({@link io.lipschitz4j.linalg.ShiftCertificate#readsUpperTriangles}); the strict lower parts are left
     * stale. Half the passes of {@link #gramAt}; stride 1 only (otherwise the full Gram).
     */
    void gramUpperAt(int g1, int g2, double[] hr, double[] hi) {
        if (aliases != 1) {
            gramAt(g1, g2, hr, hi);
            return;
        }
        if (preparedF2 != g2) prepare(g2);
        int[] ix = new int[axis1.length];
        for (int a = 0; a < axis1.length; a++) ix[a] = tw.index(axis1[a], g1, 0, 0);
        if (axis1.length == 2) { // 3×3 kernels: both row offsets in one pass over memory
            double c1 = tw.cos(ix[0]), s1 = tw.sin(ix[0]), c2 = tw.cos(ix[1]), s2 = tw.sin(ix[1]);
            double[] ca = cBlk[0], da = dBlk[0], ea = eBlk[0], fa = fBlk[0], cb = cBlk[1], db = dBlk[1], eb = eBlk[1], fb = fBlk[1];
            for (int i = 0; i < p; i++) {
                int from = i * p + i, to = i * p + p;
                for (int k = from; k < to; k++) hr[k] = r0[k] + c1 * ca[k] + s1 * da[k] + c2 * cb[k] + s2 * db[k];
                for (int k = from; k < to; k++) hi[k] = i0[k] + s1 * ea[k] + c1 * fa[k] + s2 * eb[k] + c2 * fb[k];
            }
            return;
        }
        for (int i = 0; i < p; i++) {
            int from = i * p + i, to = i * p + p;
            System.arraycopy(r0, from, hr, from, to - from);
            System.arraycopy(i0, from, hi, from, to - from);
            for (int a = 0; a < axis1.length; a++) {
                double c = tw.cos(ix[a]), s = tw.sin(ix[a]);
                double[] cb = cBlk[a], db = dBlk[a], eb = eBlk[a], fb = fBlk[a];
                for (int k = from; k < to; k++) hr[k] += c * cb[k] + s * db[k];
                for (int k = from; k < to; k++) hi[k] += s * eb[k] + c * fb[k];
            }
        }
    }

    private void stride1GramDirect(int f1, int f2, double[] hr, double[] hi) {
        int pp = p * p;
        System.arraycopy(g0, 0, hr, 0, pp);
        Arrays.fill(hi, 0, pp, 0);
        // rows in blocks so the accumulators stay in L1 while the D offset blocks stream by
        int block = Math.max(1, 2048 / p);
        for (int r0 = 0; r0 < p; r0 += block) {
            int from = r0 * p, to = Math.min(p, r0 + block) * p;
            for (int k = 0; k < d1.length; k++) {
                int ix = tw.index(d1[k], f1, d2[k], f2);
                double c = tw.cos(ix), s = tw.sin(ix);
                int b = k * pp;
                for (int i = from; i < to; i++) {
                    hr[i] += c * sym[b + i];
                    hi[i] += s * anti[b + i];
                }
            }
        }
    }

    /**
     * Certified bound on ‖H̃(g) − H(g)‖₂ (scaled units) for every g: entrywise
     * |ΔH| ≤ [√2·ρ + √2·γ_{S+1}(1+√2ρ)]·Z, ρ = 2·ε_φ + 2·γ_{qT+2D+6}, Z = (Σ_t|M_t|)(Σ_t|M_t|)ᵀ
     * (the syrk, the pair sums, G ± Gᵀ and the phase sums are each a sum of products, Higham Lemma 3.1
     * in any order), ‖Z‖₂ ≤ ‖Σ_t|M_t|‖_F², plus an absolute underflow term. ε_φ = 3·ε_tw bounds the
     * phase error of both evaluation orders: a table entry ({@link Twiddles}, error ε_tw) in the direct
     * sum, or the angle-addition products of the separable form, where
     * |c̃ₐc̃'_b − cₐc'_b| + |s̃ₐs̃'_b − sₐs'_b| ≤ ε_tw(|c̃'_b| + |s̃'_b| + |cₐ| + |sₐ|) ≤ 2√2·ε_tw + 2ε_tw²
     * (likewise for the sine); each leaf S_Δ·c̃ₐ·c̃'_b takes 2 products and sits in a sum of at most
     * 2D + 1 leaves, so its rounding is within γ_{2D+2}·(|c̃ₐc̃'_b| + |s̃ₐs̃'_b|) ≤ γ_{2D+2}(1 + 3ε_tw),
     * absorbed by the +6.
     */
    double gramErrorBound() {
        double rho = Rounding.addUp(6 * Twiddles.ERROR, 2 * Rounding.gamma((long) q * taps + 2L * d1.length + 6));
        double sq2 = Math.sqrt(2) * (1 + 1e-15);
        double f = Rounding.mulUp(sq2, rho);
        if (aliases > 1) f = Rounding.addUp(f, Rounding.mulUp(sq2 * Rounding.gamma(aliases + 1), Rounding.addUp(1, f)));
        double fro = Rounding.norm2Upper(absSum, 0, absSum.length);
        double z = Rounding.mulUp(fro, fro);
        double under = Rounding.mulUp(4.0 * p * ((long) q * taps + 2L * d1.length + aliases + 16), Rounding.ETA);
        return Rounding.addUp(Rounding.mulUp(f, z), under);
    }

    /**
     * The explicit block Q(g) = S^{-1/2}·[N(g + r∘o)]_r (p × S·q, split storage, row-major), by direct
     * DFT sums over the taps; for the accurate fallback and for lower bounds.
     */
    void symbolAt(int g1, int g2, double[] re, double[] im) {
        int cols = aliases * q;
        Arrays.fill(re, 0, p * cols, 0);
        Arrays.fill(im, 0, p * cols, 0);
        double sc = 1.0 / Math.sqrt(aliases);
        int r = 0;
        for (int r1 = 0; r1 < s1; r1++) {
            for (int r2 = 0; r2 < s2; r2++, r++) {
                int f1 = g1 + r1 * o1, f2 = g2 + r2 * o2;
                for (int t = 0; t < taps; t++) {
                    int ix = tw.index(pos1[t], f1, pos2[t], f2);
                    double c = tw.cos(ix) * sc, s = tw.sin(ix) * sc;
                    double[] m = tapMat[t];
                    for (int i = 0; i < p; i++) {
                        int o = i * cols + r * q;
                        for (int j = 0; j < q; j++) {
                            re[o + j] += c * m[i * q + j];
                            im[o + j] += s * m[i * q + j];
                        }
                    }
                }
            }
        }
    }
}
