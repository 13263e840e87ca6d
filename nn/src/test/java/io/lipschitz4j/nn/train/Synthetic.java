package io.lipschitz4j.nn.train;

import io.lipschitz4j.nn.data.ImageDataset;
import java.util.SplittableRandom;

/** A small learnable image data set: class = which of 3 horizontal bands of a 1×6×6 image is brightest. */
final class Synthetic {
    private Synthetic() {}

    static ImageDataset bands(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 36];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int p = 0; p < 36; p++) {
                int band = (p / 6) / 2;
                px[i * 36 + p] = (byte) (r.nextInt(120) + (band == y[i] ? 120 : 0));
            }
        }
        return new ImageDataset("bands", px, y, 1, 6, 6, 3);
    }
}
