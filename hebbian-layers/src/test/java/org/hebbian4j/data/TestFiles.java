package org.hebbian4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Synthetic IDX files, gzip helpers and the location of the shared real data for the data tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** {@code $HEBBIAN4J_SHARED_DATA/<name>} (set by surefire), or a path that does not exist. */
    static Path sharedData(String name) {
        String root = System.getenv("HEBBIAN4J_SHARED_DATA");
        return root == null ? Path.of("/nonexistent-HEBBIAN4J_SHARED_DATA-unset", name) : Path.of(root, name);
    }

    /** An IDX file: big-endian magic, big-endian dimensions, then the data bytes as given. */
    static byte[] idx(int magic, int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.putInt(magic);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        buffer.put(data);
        return buffer.array();
    }

    /** An idx3 images file of {@code count} images of rows x columns; pixel i has value {@code i % 256}. */
    static byte[] images(int count, int rows, int columns) {
        byte[] pixels = new byte[count * rows * columns];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return idx(IdxFile.IMAGES_MAGIC, new int[] {count, rows, columns}, pixels);
    }

    /** An idx1 labels file. */
    static byte[] labels(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return idx(IdxFile.LABELS_MAGIC, new int[] {values.length}, bytes);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first {@code bytes} bytes of the decompressed content of a gzip file. */
    static byte[] gunzipPrefix(Path file, int bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(bytes);
        }
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }
}
