package org.hebbian4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (Y. LeCun, C. Cortes, C. Burges,
 * "The MNIST database of handwritten digits"): a big-endian int32 magic number
 * ({@value #IMAGES_MAGIC} for images, idx3; {@value #LABELS_MAGIC} for labels, idx1), one big-endian
 * int32 per dimension (count; for images also rows and columns), then the items as unsigned bytes.
 *
 * <p>Files may be gzip-compressed (as distributed) or raw; gzip is recognised by its magic bytes
 * {@code 0x1f 0x8b}, not by the file name. Every error is an {@link IOException} whose message
 * names the file: a wrong magic number ({@link DataFormatException}, with the magic found and the
 * one expected), a truncated file (with the bytes or items declared and found), an unreadable gzip
 * stream. A raw file is checked against its header in full even when only a prefix is read; a gzip
 * file only as far as it is read. Bytes after the declared items are ignored.
 */
public final class IdxFile {

    /** Magic number of an images file: unsigned bytes, 3 dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of a labels file: unsigned bytes, 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x0801;

    private static final int BUFFER_BYTES = 1 << 16;

    private IdxFile() {
    }

    /**
     * The header of an IDX file.
     *
     * @param magic      the int32 magic number: {@code 0x00 0x00 <element type> <number of dimensions>}
     * @param dimensions the sizes of the dimensions, the item count first (images: count, rows, columns)
     */
    public record Header(int magic, List<Integer> dimensions) {

        /** @param dimensions copied into an unmodifiable list */
        public Header {
            dimensions = List.copyOf(dimensions);
        }

        /** Number of items (images or labels) the file declares: the first dimension. */
        public int count() {
            return dimensions.isEmpty() ? 0 : dimensions.get(0);
        }
    }

    /**
     * Reads only the header of an IDX file of any element type (cheap even for a gzip file).
     *
     * @param file a raw or gzip-compressed IDX file
     * @return its magic number and dimensions
     * @throws IOException if the file cannot be read or does not start with an IDX header
     */
    public static Header readHeader(Path file) throws IOException {
        try (InputStream in = open(file)) {
            boolean gzip = in instanceof GzipStream;
            try {
                return readHeader(in, file.toString(), 0);
            } catch (ZipException | EOFException e) {
                throw unreadableGzip(file.toString(), e, gzip);
            }
        }
    }

    /**
     * Reads images from an idx3 file.
     *
     * @param file  a raw or gzip-compressed file with magic {@value #IMAGES_MAGIC}
     * @param limit the maximum number of images to read (the first ones); {@code <= 0} reads all
     * @return one array of {@code rows * columns} unsigned bytes (row-major) per image
     * @throws IOException naming the file if it is missing, not an images file, truncated or not readable gzip
     */
    public static byte[][] readImages(Path file, int limit) throws IOException {
        Images images = readImageBlock(file, limit);
        int pixels = images.rows() * images.columns();
        byte[][] result = new byte[images.count()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = Arrays.copyOfRange(images.pixels(), i * pixels, (i + 1) * pixels);
        }
        return result;
    }

    /**
     * Reads labels from an idx1 file.
     *
     * @param file  a raw or gzip-compressed file with magic {@value #LABELS_MAGIC}
     * @param limit the maximum number of labels to read (the first ones); {@code <= 0} reads all
     * @return the labels as values 0..255
     * @throws IOException naming the file if it is missing, not a labels file, truncated or not readable gzip
     */
    public static int[] readLabels(Path file, int limit) throws IOException {
        return readLabelBlock(file, limit).values();
    }

    /**
     * Images read from an idx3 file, as one flat array.
     *
     * @param declaredCount the number of images the header declares
     * @param rows          rows per image
     * @param columns       columns per image
     * @param count         the number of images read ({@code <= declaredCount})
     * @param pixels        {@code count * rows * columns} unsigned bytes, image after image, row-major
     */
    record Images(int declaredCount, int rows, int columns, int count, byte[] pixels) {
    }

    /**
     * Labels read from an idx1 file.
     *
     * @param declaredCount the number of labels the header declares
     * @param values        the labels read, 0..255
     */
    record Labels(int declaredCount, int[] values) {
    }

    static Images readImageBlock(Path file, int limit) throws IOException {
        try (InputStream in = open(file)) {
            long rawSize = in instanceof GzipStream ? -1 : Files.size(file);
            return readImageBlock(in, file.toString(), limit, rawSize);
        }
    }

    static Labels readLabelBlock(Path file, int limit) throws IOException {
        try (InputStream in = open(file)) {
            long rawSize = in instanceof GzipStream ? -1 : Files.size(file);
            return readLabelBlock(in, file.toString(), limit, rawSize);
        }
    }

    /**
     * Reads images from a stream that is raw or gzip-compressed IDX (detected here).
     *
     * @param source  name of the stream for messages (a file or a classpath resource)
     * @param rawSize the size of a raw file in bytes, to check it against the header in full;
     *                {@code -1} if unknown
     */
    static Images readImageBlock(InputStream raw, String source, int limit, long rawSize) throws IOException {
        InputStream in = decompressIfGzip(raw, source);
        boolean gzip = in instanceof GzipStream;
        try {
            Header header = readHeader(in, source, IMAGES_MAGIC);
            int declared = header.count();
            int rows = header.dimensions().get(1);
            int columns = header.dimensions().get(2);
            if (rows <= 0 || columns <= 0) {
                throw new DataFormatException(source + ": the header declares images of " + rows + "x"
                        + columns + " pixels; rows and columns must be positive");
            }
            long imageBytes = (long) rows * columns;
            int headerBytes = 4 + 4 * header.dimensions().size();
            long declaredBytes = declared * imageBytes;
            if (rawSize >= 0 && rawSize - headerBytes < declaredBytes) {
                throw truncatedImages(source, declared, rows, columns, headerBytes, rawSize - headerBytes);
            }
            int count = limit > 0 ? Math.min(limit, declared) : declared;
            long readBytes = count * imageBytes;
            if (readBytes > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(source + ": " + count + " images of " + rows + "x" + columns
                        + " (" + readBytes + " bytes) do not fit in one array; read fewer with a limit");
            }
            byte[] pixels = new byte[(int) readBytes];
            int found = in.readNBytes(pixels, 0, pixels.length);
            if (found < pixels.length) {
                throw truncatedImages(source, declared, rows, columns, headerBytes, found);
            }
            return new Images(declared, rows, columns, count, pixels);
        } catch (ZipException | EOFException e) {
            throw unreadableGzip(source, e, gzip);
        }
    }

    /** Reads labels from a stream that is raw or gzip-compressed IDX; see {@link #readImageBlock}. */
    static Labels readLabelBlock(InputStream raw, String source, int limit, long rawSize) throws IOException {
        InputStream in = decompressIfGzip(raw, source);
        boolean gzip = in instanceof GzipStream;
        try {
            Header header = readHeader(in, source, LABELS_MAGIC);
            int declared = header.count();
            int headerBytes = 4 + 4 * header.dimensions().size();
            if (rawSize >= 0 && rawSize - headerBytes < declared) {
                throw truncatedLabels(source, declared, headerBytes, rawSize - headerBytes);
            }
            int count = limit > 0 ? Math.min(limit, declared) : declared;
            byte[] bytes = new byte[count];
            int found = in.readNBytes(bytes, 0, count);
            if (found < count) {
                throw truncatedLabels(source, declared, headerBytes, found);
            }
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = bytes[i] & 0xFF;
            }
            return new Labels(declared, values);
        } catch (ZipException | EOFException e) {
            throw unreadableGzip(source, e, gzip);
        }
    }

    /**
     * Reads the magic number and the dimensions.
     *
     * @param expectedMagic the magic required, or 0 to accept any IDX magic
     */
    private static Header readHeader(InputStream in, String source, int expectedMagic) throws IOException {
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new DataFormatException(source + " is truncated: an IDX file starts with a 4-byte magic number, "
                    + "but the file holds only " + magicBytes.length + " bytes");
        }
        int magic = bigEndianInt(magicBytes, 0);
        if (expectedMagic != 0 && magic != expectedMagic) {
            throw new DataFormatException(source + ": wrong IDX magic number " + describeMagic(magic)
                    + ", expected " + describeMagic(expectedMagic));
        }
        if ((magic >>> 16) != 0) {
            throw new DataFormatException(source + ": not an IDX file, its magic number is "
                    + describeMagic(magic) + " (an IDX magic number starts with two zero bytes)");
        }
        int dimensionCount = magic & 0xFF;
        byte[] dimensionBytes = in.readNBytes(4 * dimensionCount);
        if (dimensionBytes.length < 4 * dimensionCount) {
            throw new DataFormatException(source + " is truncated: its header needs " + (4 + 4 * dimensionCount)
                    + " bytes (magic and " + dimensionCount + " dimensions), but the file holds only "
                    + (4 + dimensionBytes.length));
        }
        List<Integer> dimensions = new ArrayList<>(dimensionCount);
        for (int d = 0; d < dimensionCount; d++) {
            int size = bigEndianInt(dimensionBytes, 4 * d);
            if (size < 0) {
                throw new DataFormatException(source + ": its header declares a negative size " + size
                        + " for dimension " + d);
            }
            dimensions.add(size);
        }
        return new Header(magic, dimensions);
    }

    private static String describeMagic(int magic) {
        String hex = String.format("0x%08X", magic);
        if (magic == IMAGES_MAGIC) {
            return magic + " (" + hex + ", idx3 images)";
        }
        if (magic == LABELS_MAGIC) {
            return magic + " (" + hex + ", idx1 labels)";
        }
        if ((magic >>> 16) == 0) {
            return magic + " (" + hex + ", IDX element type " + String.format("0x%02X", (magic >>> 8) & 0xFF)
                    + " with " + (magic & 0xFF) + " dimensions)";
        }
        return magic + " (" + hex + ")";
    }

    private static DataFormatException truncatedImages(String source, int declared, int rows, int columns,
                                                       int headerBytes, long foundBytes) {
        long imageBytes = (long) rows * columns;
        return new DataFormatException(source + " is truncated: its header declares " + declared + " images of "
                + rows + "x" + columns + ", i.e. " + declared * imageBytes + " bytes of pixels after the "
                + headerBytes + "-byte header, but the file ends after " + Math.max(0, foundBytes)
                + " bytes of pixels (" + Math.max(0, foundBytes) / imageBytes + " complete images)");
    }

    private static DataFormatException truncatedLabels(String source, int declared, int headerBytes, long found) {
        return new DataFormatException(source + " is truncated: its header declares " + declared
                + " labels (1 byte each after the " + headerBytes + "-byte header), but the file ends after "
                + Math.max(0, found) + " labels");
    }

    private static IOException unreadableGzip(String source, IOException cause, boolean gzip) {
        if (!gzip) {
            return cause;
        }
        return new DataFormatException(source + ": unreadable gzip data (" + cause.getMessage()
                + "); the file may be an incomplete or corrupt download", cause);
    }

    private static InputStream open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("IDX file not found: " + file);
        }
        try {
            return decompressIfGzip(raw, file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The stream itself if already opened here, a gunzipping stream if it starts with 0x1f 0x8b, else buffered. */
    private static InputStream decompressIfGzip(InputStream raw, String source) throws IOException {
        if (raw instanceof GzipStream || raw instanceof RawStream) {
            return raw;
        }
        RawStream buffered = new RawStream(raw);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            try {
                return new GzipStream(new GZIPInputStream(buffered, BUFFER_BYTES));
            } catch (ZipException | EOFException e) {
                throw unreadableGzip(source, e, true);
            }
        }
        return buffered;
    }

    private static int bigEndianInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }

    /** A decompressed gzip stream, buffered; its type records that the source was gzip. */
    private static final class GzipStream extends BufferedInputStream {
        GzipStream(InputStream in) {
            super(in, BUFFER_BYTES);
        }
    }

    /** A stream read as is (not gzip), buffered. */
    private static final class RawStream extends BufferedInputStream {
        RawStream(InputStream in) {
            super(in, BUFFER_BYTES);
        }
    }
}
