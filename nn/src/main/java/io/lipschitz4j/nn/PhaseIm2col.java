package io.lipschitz4j.nn;

/**
 * im2col for the float32 convolution through phase planes, so that every copy is one long contiguous
 * run instead of one short (often strided) run per output row.
 *
 * <p>Method. Pad the input (zeros, or wrapped for circular padding) and split it by stride phase:
 * plane (py, px) holds P[u][v] = x_pad[u·sH + py][v·sW + px] (polyphase decomposition; one plane when
 * the stride is 1). Tap (a, b) reads x_pad[i·sH + a·dH][j·sW + b·dW] = P_(a·dH mod sH, b·dW mod sW)
 * [i + ⌊a·dH/sH⌋][j + ⌊b·dW/sW⌋], so, when the output grid is widened from OW to the plane width Wq,
 * its im2col row is the contiguous slice of its plane at offset ⌊a·dH/sH⌋·Wq + ⌊b·dW/sW⌋ of length
 * OH·Wq: one {@code arraycopy}. The Wq − OW extra columns per output row are computed and dropped
 * (7 % more gemm work for the 28×28 and 14×14 layers, 14 % at 7×7), which costs far less than
 * the per-row gathers it replaces. The adjoint runs the same steps backwards: slices added into plane
 * gradients, planes scattered back to the input gradient. Gradients of the dropped columns are zero,
 * so they add nothing. Cost per sample and group O(rows·OH·Wq) copies plus O(C/g·H·W) for the planes.
 *
 * <p>Layouts: planes {@code [sample][channel of group][phase][planeRows·Wq]}; columns
 * {@code cols[r·ld + s·outCols + q]} for im2col row r = (c·kH + a)·kW + b and widened output position
 * q = i·Wq + j of sample s of the chunk.
 */
final class PhaseIm2col {
    final ConvGeometry g;
    /** Phase plane width Wq (the widened output row) and height. */
    final int planeCols, planeRows;
    /** Widened output positions per sample: OH·Wq. */
    final int outCols;
    private final int phases, planeSize, cg, plane, inSample;
    private final int[] tapPhase, tapShift; // per tap (a, b): its plane and the offset of its slice
    private float[] shifted; // scratch of columnsAdjoint, laid out as the planes
    private final boolean[] phaseSet; // columnsAdjoint: which planes of a channel are set
    // width stride 2, zero padding: input rows that reach the planes, and where in a channel's planes the
    // even and odd columns of row ih start; how many even, odd and paired columns fit
    private final int stride2Rows, evenCount, oddCount, pairCount;
    private final int[] evenRowAt, oddRowAt;

    PhaseIm2col(ConvGeometry g) {
        this.g = g;
        int sh = g.sH(), sw = g.sW();
        int uMax = (g.kH() - 1) * g.dH() / sh, vMax = (g.kW() - 1) * g.dW() / sw;
        planeCols = g.outW() + vMax;
        planeRows = g.outH() + uMax + 1; // one spare row: the last slice overruns its rows by ≤ vMax entries
        outCols = g.outH() * planeCols;
        phases = sh * sw;
        phaseSet = new boolean[phases];
        planeSize = planeRows * planeCols;
        cg = g.inPerGroup();
        plane = g.inH() * g.inW();
        inSample = g.spec().inChannels() * plane;
        int pw = g.pW(), pxE = pw & 1, vE = pw >> 1, vO = (1 + pw) >> 1, w = g.inW();
        evenCount = Math.max(0, Math.min((w + 1) / 2, planeCols - vE));
        oddCount = Math.max(0, Math.min(w / 2, planeCols - vO));
        pairCount = Math.min(evenCount, oddCount);
        evenRowAt = new int[g.inH()];
        oddRowAt = new int[g.inH()];
        int rows = 0;
        if (sw == 2 && !g.circular()) {
            for (int ih = 0; ih < g.inH(); ih++, rows++) {
                int up = ih + g.pH(), u = up / sh;
                if (u >= planeRows) break;
                int row = (up % sh) * 2 * planeSize + u * planeCols;
                evenRowAt[ih] = row + pxE * planeSize + vE;
                oddRowAt[ih] = row + (1 - pxE) * planeSize + vO;
            }
        }
        stride2Rows = rows;
        tapPhase = new int[g.kH() * g.kW()];
        tapShift = new int[tapPhase.length];
        for (int a = 0, t = 0; a < g.kH(); a++) {
            for (int b = 0; b < g.kW(); b++, t++) {
                int ra = a * g.dH(), rb = b * g.dW();
                tapPhase[t] = (ra % sh) * sw + rb % sw;
                tapShift[t] = ra / sh * planeCols + rb / sw;
            }
        }
    }

    /** Floats of the planes of {@code count} samples of one group. */
    int planesSize(int count) { return count * cg * phases * planeSize; }

    /** The phase planes of samples s₀ … s₀+count−1, channels of group {@code group}, into {@code planes} from {@code pOff}. */
    void planes(float[] x, int s0, int count, int group, float[] planes, int pOff) {
        int h = g.inH(), w = g.inW(), sh = g.sH(), sw = g.sW(), ph = g.pH(), pw = g.pW();
        boolean circ = g.circular();
        if (sw == 2 && !circ) {
            planesWidthStride2(x, s0, count, group, planes, pOff);
            return;
        }
        int hp = h + 2 * ph, wp = w + 2 * pw; // padded extent: plane entries beyond it are zero
        int p = pOff;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < cg; c++) {
                int xc = (s0 + s) * inSample + (group * cg + c) * plane;
                for (int py = 0; py < sh; py++) {
                    for (int px = 0; px < sw; px++, p += planeSize) {
                        // columns v whose padded index v·sW + px lies in the input: [v0, v1)
                        int v0 = firstIn(px - pw, sw), v1 = endIn(px - pw, sw, w, planeCols);
                        for (int u = 0; u < planeRows; u++) {
                            int dst = p + u * planeCols, up = u * sh + py, ih = up - ph;
                            if (circ) {
                                if (up >= hp) { java.util.Arrays.fill(planes, dst, dst + planeCols, 0f); continue; }
                                int rb = xc + Ops.wrap(ih, h) * w;
                                for (int v = 0; v < planeCols; v++) {
                                    int vp = v * sw + px;
                                    planes[dst + v] = vp < wp ? x[rb + Ops.wrap(vp - pw, w)] : 0f;
                                }
                                continue;
                            }
                            if (ih < 0 || ih >= h || v0 >= v1) { java.util.Arrays.fill(planes, dst, dst + planeCols, 0f); continue; }
                            int rb = xc + ih * w + px - pw;
                            for (int v = 0; v < v0; v++) planes[dst + v] = 0f;
                            if (sw == 1) {
                                System.arraycopy(x, rb + v0, planes, dst + v0, v1 - v0);
                            } else {
                                for (int v = v0; v < v1; v++) planes[dst + v] = x[rb + v * sw];
                            }
                            for (int v = v1; v < planeCols; v++) planes[dst + v] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #planes}, written (not added) into dx for samples s₀ … s₀+count−1 and the
     * channels of {@code group}: those entries are zeroed, then with zero padding each input entry that
     * a plane holds is stored once (the phases split the padded grid, so no entry lies in two planes),
     * while circular padding wraps several plane entries onto one input entry, which are summed. Cost
     * O(count·C/g·H·W), a strided (scalar) store per entry.
     */
    void planesAdjoint(float[] planes, int s0, int count, int group, float[] dx) {
        int h = g.inH(), w = g.inW(), sh = g.sH(), sw = g.sW(), ph = g.pH(), pw = g.pW();
        boolean circ = g.circular();
        if (sw == 2 && !circ) {
            planesAdjointWidthStride2(planes, s0, count, group, dx);
            return;
        }
        int hp = h + 2 * ph, wp = w + 2 * pw;
        int p = 0;
        for (int s = 0; s < count; s++) {
            int x0 = (s0 + s) * inSample + group * cg * plane;
            java.util.Arrays.fill(dx, x0, x0 + cg * plane, 0f); // entries no plane covers stay zero
            for (int c = 0; c < cg; c++) {
                int xc = x0 + c * plane;
                for (int py = 0; py < sh; py++) {
                    for (int px = 0; px < sw; px++, p += planeSize) {
                        int v0 = firstIn(px - pw, sw), v1 = endIn(px - pw, sw, w, planeCols);
                        for (int u = 0; u < planeRows; u++) {
                            int src = p + u * planeCols, up = u * sh + py, ih = up - ph;
                            if (circ) {
                                if (up >= hp) continue;
                                int rb = xc + Ops.wrap(ih, h) * w;
                                for (int v = 0; v < planeCols; v++) {
                                    int vp = v * sw + px;
                                    if (vp < wp) dx[rb + Ops.wrap(vp - pw, w)] += planes[src + v];
                                }
                                continue;
                            }
                            if (ih < 0 || ih >= h) continue;
                            int rb = xc + ih * w + px - pw;
                            for (int v = v0; v < v1; v++) dx[rb + v * sw] = planes[src + v];
                        }
                    }
                }
            }
        }
    }

    /*
     * Width stride 2 with zero padding (the 3×3 stride-2 layers), where the general loops above
     * spent most of their time on per-plane-row set-up for rows of 7–15 entries: each input row is split
     * in one loop into its two plane rows, the even columns iw = 2k going to phase column px_e =
     * pW mod 2, entry v_e + k (v_e = ⌊pW/2⌋), the odd ones to 1 − px_e, entry ⌊(1 + pW)/2⌋ + k; input
     * rows and columns beyond the planes (never read by the kernel) are skipped. Where each row lands is
     * computed once, in the constructor ({@code evenRowAt}, {@code oddRowAt}). Same values; measured
     * alone on the 16- and 32-channel layers, 1.5–2× faster (0.58 s and 0.55 s per epoch).
     */

    /** {@link #planes} for sW = 2, zero padding: zero the sample's planes, then scatter each input row. */
    private void planesWidthStride2(float[] x, int s0, int count, int group, float[] planes, int pOff) {
        int w = g.inW(), block = phases * planeSize, p = pOff;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < cg; c++, p += block) {
                java.util.Arrays.fill(planes, p, p + block, 0f);
                int xc = (s0 + s) * inSample + (group * cg + c) * plane;
                for (int ih = 0; ih < stride2Rows; ih++) {
                    int e = p + evenRowAt[ih], o = p + oddRowAt[ih], xr = xc + ih * w;
                    int k = 0;
                    for (; k < pairCount; k++) {
                        planes[e + k] = x[xr + 2 * k];
                        planes[o + k] = x[xr + 2 * k + 1];
                    }
                    for (int j = k; j < evenCount; j++) planes[e + j] = x[xr + 2 * j];
                    for (int j = k; j < oddCount; j++) planes[o + j] = x[xr + 2 * j + 1];
                }
            }
        }
    }

    /** {@link #planesAdjoint} for sW = 2, zero padding: zero the sample's channels, then gather each input row. */
    private void planesAdjointWidthStride2(float[] planes, int s0, int count, int group, float[] dx) {
        int w = g.inW(), block = phases * planeSize, p = 0;
        for (int s = 0; s < count; s++) {
            int x0 = (s0 + s) * inSample + group * cg * plane;
            java.util.Arrays.fill(dx, x0, x0 + cg * plane, 0f); // entries no plane covers stay zero
            for (int c = 0; c < cg; c++, p += block) {
                int xc = x0 + c * plane;
                for (int ih = 0; ih < stride2Rows; ih++) {
                    int e = p + evenRowAt[ih], o = p + oddRowAt[ih], xr = xc + ih * w;
                    int k = 0;
                    for (; k < pairCount; k++) {
                        dx[xr + 2 * k] = planes[e + k];
                        dx[xr + 2 * k + 1] = planes[o + k];
                    }
                    for (int j = k; j < evenCount; j++) dx[xr + 2 * j] = planes[e + j];
                    for (int j = k; j < oddCount; j++) dx[xr + 2 * j + 1] = planes[o + j];
                }
            }
        }
    }

    /** cols [rows × ld] from the planes of {@code count} samples at {@code pOff}: one contiguous copy per (sample, row). */
    void columns(float[] planes, int pOff, int count, float[] cols, int ld) {
        int taps = tapPhase.length;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < cg; c++) {
                int pc = pOff + (s * cg + c) * phases * planeSize;
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(planes, pc + tapPhase[t] * planeSize + tapShift[t], cols, (c * taps + t) * ld + s * outCols, outCols);
                }
            }
        }
    }

    /**
     * The im2col columns of one sample without the widening: cols[r·ld + i·OW + j] for output (i, j),
     * one {@code arraycopy} per (row, output row) instead of one per row. Worth it where the columns
     * have fewer rows than the layer has outputs, so that fewer copies are made here than the widening
     * of the output gradient would take (see {@link Conv2d#backward32}).
     */
    void columnsNarrow(float[] planes, int pOff, float[] cols, int ld) {
        int taps = tapPhase.length, oh = g.outH(), ow = g.outW();
        for (int c = 0; c < cg; c++) {
            for (int t = 0; t < taps; t++) {
                int src = pOff + (c * phases + tapPhase[t]) * planeSize + tapShift[t], dst = (c * taps + t) * ld;
                for (int i = 0; i < oh; i++) System.arraycopy(planes, src + i * planeCols, cols, dst + i * ow, ow);
            }
        }
    }

    /** {@link #columns} with row r of the columns in its own array: rows[r][s·outCols + q] (for {@link ShortGemm}). */
    void columnRows(float[] planes, int pOff, int count, float[][] rows) {
        int taps = tapPhase.length;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < cg; c++) {
                int pc = pOff + (s * cg + c) * phases * planeSize;
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(planes, pc + tapPhase[t] * planeSize + tapShift[t], rows[c * taps + t], s * outCols, outCols);
                }
            }
        }
    }

    /**
     * The adjoint of {@link #columns}, written into {@code planes} (every entry of the count samples'
     * planes is set): per plane, the first of its slices that starts at offset 0 is copied in
     * (arraycopy) and the rest of the plane zeroed; every other slice is moved by arraycopy to the same
     * offset of a scratch array as its destination and added there, so that the add reads both arrays
     * at one index, the loop C2 (JDK 17) vectorizes (adding straight from cols, at two different
     * offsets, stays scalar and took 3–4× longer). The copies save 4 of the 9 adds of a 3×3 stride-2
     * kernel. Cost O(count·rows·outCols).
     */
    void columnsAdjoint(float[] cols, int ld, int count, float[] planes) {
        int taps = tapPhase.length;
        shifted = Ops.floats(shifted, planesSize(count));
        float[] tmp = shifted;
        boolean[] set = phaseSet;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < cg; c++) {
                int pc = (s * cg + c) * phases * planeSize;
                java.util.Arrays.fill(set, false);
                for (int t = 0; t < taps; t++) {
                    int ph = tapPhase[t], base = pc + ph * planeSize, dst = base + tapShift[t], src = (c * taps + t) * ld + s * outCols;
                    if (!set[ph]) {
                        set[ph] = true;
                        if (tapShift[t] == 0) {
                            System.arraycopy(cols, src, planes, base, outCols);
                            java.util.Arrays.fill(planes, base + outCols, base + planeSize, 0f);
                            continue;
                        }
                        java.util.Arrays.fill(planes, base, base + planeSize, 0f);
                    }
                    System.arraycopy(cols, src, tmp, dst, outCols);
                    addInPlace(planes, tmp, dst, dst + outCols);
                }
                for (int ph = 0; ph < phases; ph++) {
                    if (!set[ph]) java.util.Arrays.fill(planes, pc + ph * planeSize, pc + (ph + 1) * planeSize, 0f); // no tap reads it
                }
            }
        }
    }

    /** y[i] += x[i] for i in [from, to) (one index for both arrays, so C2 vectorizes it). */
    private static void addInPlace(float[] y, float[] x, int from, int to) {
        for (int i = from; i < to; i++) y[i] += x[i];
    }

    /** The first v ≥ 0 with v·s + off ≥ 0. */
    private static int firstIn(int off, int s) {
        return off >= 0 ? 0 : (-off + s - 1) / s;
    }

    /** One past the last v < cap with v·s + off ≤ n − 1 (0 when none). */
    private static int endIn(int off, int s, int n, int cap) {
        int span = n - 1 - off;
        return span < 0 ? 0 : Math.min(cap, span / s + 1);
    }
}
