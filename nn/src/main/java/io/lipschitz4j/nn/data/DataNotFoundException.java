package io.lipschitz4j.nn.data;

import java.io.IOException;

/**
 * A data set is not where it was looked for. The one-line message names the place and says how to get
 * the data, ready for the command line's "user error" exit code.
 */
public class DataNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message) {
        super(message);
    }
}
