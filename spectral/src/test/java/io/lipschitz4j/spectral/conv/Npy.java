package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only .npy reader: little-endian float64 ('&lt;f8'), C order, format 1.x/2.x; anything else is refused. */
final class Npy {
    private Npy() {}

    static Tensor readResource(String name) throws IOException {
        try (InputStream in = Npy.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return read(in.readAllBytes(), name);
        }
    }

    static Tensor read(byte[] b, String what) throws IOException {
        if (b.length < 10 || (b[0] & 0xff) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(what + ": not an .npy file");
        }
        int major = b[6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int hlen, start;
        if (major == 1) { hlen = bb.getShort(8) & 0xffff; start = 10; }
        else { hlen = bb.getInt(8); start = 12; }
        String header = new String(b, start, hlen, StandardCharsets.ISO_8859_1);
        if (!header.matches("(?s).*'descr':\\s*'<f8'.*")) throw new IOException(what + ": only little-endian float64 supported: " + header);
        if (!header.matches("(?s).*'fortran_order':\\s*False.*")) throw new IOException(what + ": only C order supported");
        Matcher m = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!m.find()) throw new IOException(what + ": no shape in header");
        String[] parts = m.group(1).split(",");
        int rank = 0;
        int[] tmp = new int[parts.length];
        for (String p : parts) if (!p.isBlank()) tmp[rank++] = Integer.parseInt(p.trim());
        int[] shape = java.util.Arrays.copyOf(tmp, rank);
        int n = Math.toIntExact(Tensor.sizeOf(shape));
        int off = start + hlen;
        if (b.length - off != 8L * n) throw new IOException(what + ": expected " + n + " values");
        double[] d = new double[n];
        bb.position(off);
        bb.asDoubleBuffer().get(d);
        return new Tensor(shape, d);
    }
}
