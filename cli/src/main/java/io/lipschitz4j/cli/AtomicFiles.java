package io.lipschitz4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CLI's face of {@link io.lipschitz4j.io.AtomicFiles} (temp file beside the target, forced to disk,
 * atomic rename): failures become an unchecked "cannot write FILE: reason", which the command line
 * reports as a user error in one line.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) {
        try {
            io.lipschitz4j.io.AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String text) { write(target, text.getBytes(StandardCharsets.UTF_8)); }
}
