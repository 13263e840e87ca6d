package io.lipschitz4j.nn.data;

import io.lipschitz4j.linalg.Tensor;

/**
 * Labelled 8-bit images kept as bytes (60 000 Fashion-MNIST images take 47 MB so, 376 MB as doubles);
 * batches are converted on demand to [B, C, H, W] doubles in [0, 1] (pixel/255).
 *
 * @param name     e.g. {@code fashion-mnist/train}
 * @param pixels   N·C·H·W unsigned bytes, C order
 * @param labels   N labels in [0, classes)
 * @param channels C
 * @param height   H
 * @param width    W
 * @param classes  number of classes
 */
public record ImageDataset(String name, byte[] pixels, int[] labels, int channels, int height, int width, int classes) {

    public ImageDataset {
        long per = (long) channels * height * width;
        if (channels < 1 || height < 1 || width < 1 || per * labels.length != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for " + labels.length + " images of "
                    + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException(name + ": label " + labels[i] + " at " + i);
        }
    }

    /** v/255 for each byte value v: a table lookup gives the same doubles as the division, several times faster. */
    private static final double[] SCALED = new double[256];

    static {
        for (int v = 0; v < 256; v++) SCALED[v] = v / 255.0;
    }

    public int size() { return labels.length; }

    public int sampleSize() { return channels * height * width; }

    /** Images {@code order[from..to)} as x [to−from, C, H, W] in [0, 1] with their labels. */
    public Batch batch(int[] order, int from, int to) {
        int b = to - from, per = sampleSize();
        double[] x = new double[b * per];
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            int src = order[from + i];
            y[i] = labels[src];
            int o = i * per, s = src * per;
            for (int j = 0; j < per; j++) x[o + j] = SCALED[pixels[s + j] & 0xFF];
        }
        return new Batch(new Tensor(new int[] {b, channels, height, width}, x), y);
    }

    /** Images {@code [from, to)} in storage order. */
    public Batch slice(int from, int to) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) order[i] = from + i;
        return batch(order, 0, order.length);
    }
}
