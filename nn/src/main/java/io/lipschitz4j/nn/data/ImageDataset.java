package io.lipschitz4j.nn.data;


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
    static final double[] SCALED = new double[256];

    static {
        for (int v = 0; v < 256; v++) SCALED[v] = v / 255.0;
    }

    public int size() { return labels.length; }

    public int sampleSize() { return channels * height * width; }

    /**
     * Images {@code order[from..to)} as x [to−from, C, H, W] in [0, 1] with their labels; x is built
     * when first asked for ({@link Batch#x()}, or {@link Batch#xFloat32} without a float64 copy).
     */
    public Batch batch(int[] order, int from, int to) {
        int[] indices = java.util.Arrays.copyOfRange(order, from, to);
        for (int i : indices) {
            if (i < 0 || i >= labels.length) throw new IndexOutOfBoundsException(name + ": image " + i + " of " + labels.length);
        }
        return new Batch(this, indices);
    }

    /** Images {@code [from, to)} in storage order. */
    public Batch slice(int from, int to) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) order[i] = from + i;
        return batch(order, 0, order.length);
    }
}
