package org.hebbian4j.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reader and writer of NumPy's {@code .npy} array files, without dependencies, so that arrays can
 * travel between Hebbian4j and Python code ({@code numpy.save} / {@code numpy.load}).
 *
 * <p>Format (NumPy's {@code numpy.lib.format}, NEP 1): the magic bytes {@code \x93NUMPY}, a major
 * and a minor version byte, the header length (little-endian uint16 for version 1.0, uint32 for
 * 2.0 and 3.0), the header, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} (latin-1; UTF-8 in 3.0),
 * padded with spaces and a newline, then the elements.
 *
 * <p>Reading: element types {@code f4}, {@code f8}, {@code i4} and {@code i8}, little-endian
 * ({@code <}; big-endian {@code >} is read as well); C order or Fortran order; any rank, including
 * 1-D ({@code (n,)}, an ND4J vector of rank 1) and 0-D ({@code ()}, an ND4J scalar). {@code f4}
 * becomes {@link DataType#FLOAT}; {@code f8}, {@code i4} and {@code i8} become
 * {@link DataType#DOUBLE} (exact for integers up to 2^53 in magnitude); {@link #read(Path, DataType)}
 * converts to a chosen type. Bytes after the data are ignored, as {@code numpy.load} does.
 *
 * <p>Writing: version 1.0, C order, {@code '<f4'} for {@link DataType#FLOAT} arrays and
 * {@code '<f8'} for {@link DataType#DOUBLE} ones, header padded so that the data starts at a
 * multiple of 64 bytes, as NumPy writes it.
 *
 * <p>Errors are {@link IOException}s naming the file: a missing file
 * ({@link FileNotFoundException}), a wrong magic string, an unsupported version, element type or
 * header ({@link DataFormatException}, with what was found), a truncated file (with the bytes the
 * shape needs and the bytes present).
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The data of a file NumPy writes starts at a multiple of this many bytes. */
    private static final int ALIGNMENT = 64;

    private NpyFile() {
    }

    /** The element types this class reads, by their NumPy type code without byte order. */
    public enum ElementType {
        /** {@code f4}: IEEE 754 single precision. */
        FLOAT32("f4", 4),
        /** {@code f8}: IEEE 754 double precision. */
        FLOAT64("f8", 8),
        /** {@code i4}: signed 32-bit integer. */
        INT32("i4", 4),
        /** {@code i8}: signed 64-bit integer. */
        INT64("i8", 8);

        private final String code;
        private final int bytes;

        ElementType(String code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** The NumPy type code without byte order, e.g. "f4". */
        public String code() {
            return code;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        /** The ND4J type {@link #read(Path)} gives: FLOAT for f4, DOUBLE otherwise. */
        public DataType naturalDataType() {
            return this == FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        }
    }

    /**
     * The header of a {@code .npy} file.
     *
     * @param majorVersion  1, 2 or 3
     * @param minorVersion  0
     * @param descr         the dtype string as written, e.g. {@code "<f4"}
     * @param elementType   the element type it denotes
     * @param bigEndian     whether the elements are big-endian ({@code '>'})
     * @param fortranOrder  whether the elements are in column-major order
     * @param shape         the array's shape; empty for a 0-D array
     * @param dataOffset    the byte offset at which the elements start
     */
    public record Header(int majorVersion, int minorVersion, String descr, ElementType elementType,
                         boolean bigEndian, boolean fortranOrder, List<Long> shape, long dataOffset) {

        public Header {
            shape = List.copyOf(shape);
        }

        /** The shape as an array. */
        public long[] shapeArray() {
            return shape.stream().mapToLong(Long::longValue).toArray();
        }

        /** The number of elements: the product of the shape (1 for a 0-D array). */
        public long elementCount() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        /** The shape as NumPy prints it: "(3, 4)", "(5,)", "()". */
        public String shapeText() {
            return NpyFile.shapeText(shapeArray());
        }
    }

    /** A shape as NumPy prints it: "(3, 4)", "(5,)", "()". */
    public static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Reads the header only.
     *
     * @throws IOException naming the file if it is missing or its header is not a supported .npy header
     */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel channel = open(file)) {
            return readHeader(channel, file);
        }
    }

    /**
     * Reads an array: FLOAT for {@code f4} files, DOUBLE for {@code f8}, {@code i4} and {@code i8}.
     *
     * @throws IOException naming the file if it is missing, malformed, of an unsupported type or truncated
     */
    public static INDArray read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads an array and converts it to {@code dataType} (FLOAT or DOUBLE); null keeps the file's
     * natural type ({@link ElementType#naturalDataType()}).
     *
     * @throws IOException naming the file if it is missing, malformed, of an unsupported type or truncated
     */
    public static INDArray read(Path file, DataType dataType) throws IOException {
        if (dataType != null && dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("NpyFile.read: dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        try (FileChannel channel = open(file)) {
            Header header = readHeader(channel, file);
            long count = header.elementCount();
            long needed = count * header.elementType().bytes();
            long present = channel.size() - header.dataOffset();
            if (present < needed) {
                throw new DataFormatException(file + " is truncated: shape " + header.shapeText() + " of '"
                        + header.descr() + "' needs " + needed + " bytes of data after the " + header.dataOffset()
                        + "-byte header, but the file holds only " + Math.max(0, present));
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file + ": shape " + header.shapeText() + " has " + count
                        + " elements, more than one Java array holds");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) needed);
            channel.position(header.dataOffset());
            while (bytes.hasRemaining()) {
                if (channel.read(bytes) < 0) {
                    throw new DataFormatException(file + " is truncated while reading its data");
                }
            }
            bytes.flip();
            bytes.order(header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            DataType target = dataType == null ? header.elementType().naturalDataType() : dataType;
            return toArray(header, bytes, (int) count, target);
        }
    }

    private static INDArray toArray(Header header, ByteBuffer bytes, int count, DataType target) {
        long[] shape = header.shapeArray();
        char order = header.fortranOrder() ? 'f' : 'c';
        if (count == 0) {
            return Nd4j.create(target, shape);
        }
        if (header.elementType() == ElementType.FLOAT32 && target == DataType.FLOAT) {
            float[] values = new float[count];
            bytes.asFloatBuffer().get(values);
            return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
        }
        double[] values = new double[count];
        switch (header.elementType()) {
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    values[i] = bytes.getFloat();
                }
            }
            case FLOAT64 -> bytes.asDoubleBuffer().get(values);
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    values[i] = bytes.getInt();
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    values[i] = bytes.getLong();
                }
            }
        }
        INDArray array = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
        return target == DataType.DOUBLE ? array : array.castTo(target);
    }

    /**
     * Writes {@code array} (FLOAT as {@code '<f4'}, DOUBLE as {@code '<f8'}) to {@code file}, version 1.0,
     * C order, keeping the array's shape (rank 0 and 1 included).
     *
     * @throws IllegalArgumentException if the array is neither FLOAT nor DOUBLE
     */
    public static void write(Path file, INDArray array) throws IOException {
        Objects.requireNonNull(file, "file");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out, array);
        }
    }

    /** Writes {@code array} in the .npy format to {@code out} (see {@link #write(Path, INDArray)}); does not close it. */
    public static void write(OutputStream out, INDArray array) throws IOException {
        Objects.requireNonNull(array, "array");
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("NpyFile.write: FLOAT or DOUBLE arrays only, got " + type
                    + " (cast it first)");
        }
        boolean single = type == DataType.FLOAT;
        long[] shape = array.shape();
        long count = array.length();
        out.write(header(single ? "<f4" : "<f8", shape));
        if (count == 0) {
            return;
        }
        INDArray c = array.dup('c');
        int itemBytes = single ? 4 : 8;
        ByteBuffer buffer = ByteBuffer.allocate((int) (count * itemBytes)).order(ByteOrder.LITTLE_ENDIAN);
        if (single) {
            float[] values = c.data().asFloat();
            buffer.asFloatBuffer().put(values, 0, (int) count);
        } else {
            double[] values = c.data().asDouble();
            buffer.asDoubleBuffer().put(values, 0, (int) count);
        }
        out.write(buffer.array());
        out.flush();
    }

    /** Magic, version 1.0, header length and the padded header dict. */
    private static byte[] header(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] textBytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(prefix + textBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) textBytes.length).put(textBytes);
        return buffer.array();
    }

    private static FileChannel open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(".npy file not found: " + file);
        }
    }

    private static Header readHeader(FileChannel channel, Path file) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        while (start.hasRemaining() && channel.read(start) >= 0) {
            // read the magic string and version, or as much of them as the file holds
        }
        for (int i = 0; i < Math.min(MAGIC.length, start.position()); i++) {
            if (start.get(i) != MAGIC[i]) {
                throw new DataFormatException(file + " is not a .npy file: it does not start with the magic string "
                        + "\\x93NUMPY (found " + hex(start) + ")");
            }
        }
        if (start.hasRemaining()) {
            throw new DataFormatException(file + " is truncated: a .npy file starts with 8 bytes of magic string and "
                    + "version, but the file holds only " + start.position());
        }
        int major = start.get(MAGIC.length) & 0xFF;
        int minor = start.get(MAGIC.length + 1) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataFormatException(file + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthBuffer = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBuffer, file, "the header length");
        long headerLength = major == 1 ? lengthBuffer.getShort(0) & 0xFFFF : lengthBuffer.getInt(0) & 0xFFFFFFFFL;
        if (headerLength > channel.size()) {
            throw new DataFormatException(file + " is truncated: its header declares " + headerLength
                    + " bytes, but the file holds only " + channel.size());
        }
        ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBuffer, file, "the header");
        String text = new String(headerBuffer.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        long dataOffset = MAGIC.length + 2 + lengthBytes + headerLength;
        return parseHeader(text, file, major, minor, dataOffset);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file, String what) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new DataFormatException(file + " is truncated: the file ends inside " + what + " ("
                        + channel.size() + " bytes)");
            }
        }
    }

    private static String hex(ByteBuffer buffer) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(MAGIC.length, buffer.position()); i++) {
            sb.append(String.format("%02x", buffer.get(i) & 0xFF));
        }
        return "0x" + sb;
    }

    private static Header parseHeader(String text, Path file, int major, int minor, long dataOffset)
            throws DataFormatException {
        Map<String, Object> dict;
        try {
            Object value = new LiteralParser(text).parseTopLevel();
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("the header is not a dict");
            }
            dict = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                dict.put(String.valueOf(e.getKey()), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file + ": malformed .npy header (" + e.getMessage() + "): "
                    + text.strip());
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new DataFormatException(file + ": .npy header has no '" + key + "': " + text.strip());
            }
        }
        Object descrValue = dict.get("descr");
        if (!(descrValue instanceof String descr)) {
            throw new DataFormatException(file + ": unsupported dtype " + descrValue
                    + " (structured arrays are not supported; supported: '<f4', '<f8', '<i4', '<i8')");
        }
        ElementType type = null;
        String code = descr.length() == 3 ? descr.substring(1) : "";
        for (ElementType t : ElementType.values()) {
            if (t.code().equals(code)) {
                type = t;
            }
        }
        char byteOrder = descr.isEmpty() ? '?' : descr.charAt(0);
        if (type == null || byteOrder != '<' && byteOrder != '>') {
            throw new DataFormatException(file + ": unsupported dtype '" + descr
                    + "' (supported: '<f4', '<f8', '<i4', '<i8' and their big-endian forms)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new DataFormatException(file + ": .npy header's 'fortran_order' must be True or False, got "
                    + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new DataFormatException(file + ": .npy header's 'shape' must be a tuple, got " + dict.get("shape"));
        }
        List<Long> shape = new ArrayList<>();
        for (Object d : dims) {
            if (!(d instanceof Long n) || n < 0) {
                throw new DataFormatException(file + ": .npy header's 'shape' must hold non-negative integers, got "
                        + dims);
            }
            shape.add(n);
        }
        Header header = new Header(major, minor, descr, type, byteOrder == '>', fortran, shape, dataOffset);
        try {
            header.elementCount();
        } catch (ArithmeticException e) {
            throw new DataFormatException(file + ": shape " + header.shapeText() + " is too large");
        }
        return header;
    }

    /**
     * Parser of the Python literals a .npy header uses: dicts, tuples, lists, strings, integers,
     * True, False and None.
     */
    private static final class LiteralParser {
        /** Python's None. */
        private static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };

        private final String text;
        private int pos;

        LiteralParser(String text) {
            this.text = text;
        }

        Object parseTopLevel() {
            Object value = parseValue();
            skipSpace();
            if (pos != text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "' after the dict");
            }
            return value;
        }

        private Object parseValue() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> parseDict();
                case '(' -> parseSequence('(', ')');
                case '[' -> parseSequence('[', ']');
                case '\'', '"' -> parseString();
                default -> {
                    if (c == '-' || Character.isDigit(c)) {
                        yield parseInteger();
                    }
                    yield parseName();
                }
            };
        }

        private Map<Object, Object> parseDict() {
            Map<Object, Object> map = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return map;
                }
                Object key = parseValue();
                skipSpace();
                expect(':');
                map.put(key, parseValue());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> parseSequence(char open, char close) {
            List<Object> list = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return list;
                }
                list.add(parseValue());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String parseString() {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        private Long parseInteger() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix, as in headers written by old NumPy versions
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer '" + digits + "'");
            }
        }

        private Object parseName() {
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            return switch (name) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> NONE;
                default -> throw error("unexpected " + (name.isEmpty() ? "'" + text.charAt(pos) + "'" : name));
            };
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }
    }
}
