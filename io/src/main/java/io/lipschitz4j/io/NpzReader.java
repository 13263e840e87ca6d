package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} archives (as written by {@code numpy.savez} and
 * {@code numpy.savez_compressed}: a zip of .npy members, stored or deflated) into an ordered map from
 * array name (member name without {@code .npy}) to {@link Tensor}. Each member is read by
 * {@link NpyReader} with the same checks; errors name the archive and the member, e.g.
 * {@code weights.npz[conv1.npy]: header.descr: ...}. Members that are not {@code .npy} files are
 * refused rather than skipped, so nothing in the archive is silently ignored.
 */
public final class NpzReader {
    private static final String SUFFIX = ".npy";

    private NpzReader() {}

    /** All arrays of the archive, in archive order; the map is unmodifiable. */
    public static Map<String, Tensor> read(Path archive) throws IOException {
        InputName in = InputName.of(archive);
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(archive, in)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = arrayName(e, in);
                if (arrays.containsKey(name)) {
                    throw in.member(e.getName()).error("zip", "duplicate member", "each array name once");
                }
                arrays.put(name, readMember(zip, e, in));
            }
        }
        return Collections.unmodifiableMap(arrays);
    }

    /** The array called {@code name} (without {@code .npy}); the other members are not read. */
    public static Tensor read(Path archive, String name) throws IOException {
        InputName in = InputName.of(archive);
        try (ZipFile zip = open(archive, in)) {
            ZipEntry e = zip.getEntry(name + SUFFIX);
            if (e == null) {
                StringBuilder names = new StringBuilder();
                for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
                    String m = it.nextElement().getName();
                    names.append(names.length() == 0 ? "" : ", ").append(m.endsWith(SUFFIX) ? m.substring(0, m.length() - SUFFIX.length()) : m);
                }
                throw in.error("member", "no array '" + name + "'", "one of [" + names + "]");
            }
            return readMember(zip, e, in);
        }
    }

    private static ZipFile open(Path archive, InputName in) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw in.error("zip", "not a readable zip archive: " + e.getMessage(),
                    "a .npz archive, i.e. a zip of .npy files as numpy.savez writes");
        }
    }

    private static String arrayName(ZipEntry e, InputName in) throws ArrayFormatException {
        String n = e.getName();
        if (e.isDirectory() || !n.endsWith(SUFFIX)) {
            throw in.member(n).error("zip", "member is not a .npy file", "only NAME.npy members");
        }
        return n.substring(0, n.length() - SUFFIX.length());
    }

    private static Tensor readMember(ZipFile zip, ZipEntry e, InputName archive) throws IOException {
        InputName in = archive.member(e.getName());
        try (InputStream s = zip.getInputStream(e)) {
            return NpyReader.read(s, in, e.getSize(), true);
        } catch (ArrayFormatException ex) {
            throw ex;
        } catch (IOException ex) {   // corrupt compressed data, bad CRC, truncated archive
            throw in.error("zip", "cannot read member: " + ex, "an intact zip member");
        }
    }
}
