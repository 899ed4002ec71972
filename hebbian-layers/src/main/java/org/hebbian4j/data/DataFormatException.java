package org.hebbian4j.data;

import java.io.IOException;

/**
 * A data file exists and can be opened but its content is not what its format requires: a wrong
 * IDX magic number, a truncated file, an unreadable gzip stream, a label outside the class range,
 * or two files of one data set that disagree. The message always names the file (or files).
 *
 * <p>Not to be confused with {@code java.util.zip.DataFormatException}, which is not an
 * {@link IOException}; this one is, so callers can handle every data problem in one
 * {@code catch (IOException e)}.
 */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause   the low-level error (for example a {@code java.util.zip.ZipException})
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
