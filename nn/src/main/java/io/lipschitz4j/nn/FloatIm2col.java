package io.lipschitz4j.nn;

import java.util.Arrays;

/**
 * im2col and its adjoint col2im on float32 for a chunk of consecutive samples, written per kernel tap
 * and output row rather than through an index table: each (channel, tap, output row) is one contiguous
 * copy (stride 1) or strided gather whose valid column range [j₀, j₁) is computed once, with zeros
 * written only outside it. No table means no extra int load per element, and the loops stay in
 * cache because {@link Conv2d} calls them on a few samples at a time.
 *
 * <p>Layout: {@code cols[r·ld + (s − s₀)·OH·OW + i·OW + j]} for row r = (c·kH + a)·kW + b of one group
 * and sample s of the chunk, equal to x[s, g·C/g + c, i·sH + a·dH − pH, j·sW + b·dW − pW] (0 outside
 * the input for zero padding, indices mod H, W for circular padding). Cost O(rows·chunk·OH·OW).
 */
final class FloatIm2col {
    private FloatIm2col() {}

    /** Fills cols [rows × ld] for samples s₀ … s₀+count−1 and group {@code group}. */
    static void im2col(ConvGeometry g, float[] x, int s0, int count, int group, float[] cols, int ld) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW(), ohw = oh * ow, plane = h * w;
        int inSample = g.spec().inChannels() * plane, cg = g.inPerGroup();
        boolean circ = g.circular();
        int row = 0;
        for (int c = 0; c < cg; c++) {
            for (int a = 0; a < g.kH(); a++) {
                for (int b = 0; b < g.kW(); b++, row++) {
                    int iw0 = b * g.dW() - g.pW(), sw = g.sW();
                    int j0 = circ ? 0 : firstValid(iw0, sw), j1 = circ ? ow : endValid(iw0, sw, w, ow);
                    for (int s = 0; s < count; s++) {
                        int xc = (s0 + s) * inSample + (group * cg + c) * plane, dst0 = row * ld + s * ohw;
                        for (int i = 0; i < oh; i++) {
                            int ih = i * g.sH() + a * g.dH() - g.pH(), dst = dst0 + i * ow;
                            if (circ) {
                                int rb = xc + Ops.wrap(ih, h) * w;
                                for (int j = 0; j < ow; j++) cols[dst + j] = x[rb + Ops.wrap(j * sw + iw0, w)];
                                continue;
                            }
                            if (ih < 0 || ih >= h || j0 >= j1) {
                                Arrays.fill(cols, dst, dst + ow, 0f);
                                continue;
                            }
                            int rb = xc + ih * w + iw0;
                            if (j0 > 0) Arrays.fill(cols, dst, dst + j0, 0f);
                            if (sw == 1) {
                                System.arraycopy(x, rb + j0, cols, dst + j0, j1 - j0);
                            } else {
                                for (int j = j0; j < j1; j++) cols[dst + j] = x[rb + j * sw];
                            }
                            if (j1 < ow) Arrays.fill(cols, dst + j1, dst + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds cols [rows × ld] into dx for the same samples and group. */
    static void col2imAdd(ConvGeometry g, float[] cols, int ld, int s0, int count, int group, float[] dx) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW(), ohw = oh * ow, plane = h * w;
        int inSample = g.spec().inChannels() * plane, cg = g.inPerGroup();
        boolean circ = g.circular();
        int row = 0;
        for (int c = 0; c < cg; c++) {
            for (int a = 0; a < g.kH(); a++) {
                for (int b = 0; b < g.kW(); b++, row++) {
                    int iw0 = b * g.dW() - g.pW(), sw = g.sW();
                    int j0 = circ ? 0 : firstValid(iw0, sw), j1 = circ ? ow : endValid(iw0, sw, w, ow);
                    for (int s = 0; s < count; s++) {
                        int xc = (s0 + s) * inSample + (group * cg + c) * plane, src0 = row * ld + s * ohw;
                        for (int i = 0; i < oh; i++) {
                            int ih = i * g.sH() + a * g.dH() - g.pH(), src = src0 + i * ow;
                            if (circ) {
                                int rb = xc + Ops.wrap(ih, h) * w;
                                for (int j = 0; j < ow; j++) dx[rb + Ops.wrap(j * sw + iw0, w)] += cols[src + j];
                                continue;
                            }
                            if (ih < 0 || ih >= h) continue;
                            int rb = xc + ih * w + iw0;
                            if (sw == 1) {
                                for (int j = j0; j < j1; j++) dx[rb + j] += cols[src + j];
                            } else {
                                for (int j = j0; j < j1; j++) dx[rb + j * sw] += cols[src + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first j ≥ 0 with j·s + iw0 ≥ 0. */
    private static int firstValid(int iw0, int s) {
        return iw0 >= 0 ? 0 : (-iw0 + s - 1) / s;
    }

    /** One past the last j < ow with j·s + iw0 ≤ w − 1 (0 when none). */
    private static int endValid(int iw0, int s, int w, int ow) {
        int span = w - 1 - iw0;
        return span < 0 ? 0 : Math.min(ow, span / s + 1);
    }
}
