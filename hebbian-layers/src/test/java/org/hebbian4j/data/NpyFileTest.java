package org.hebbian4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyFileTest {

    @TempDir
    Path tmp;

    private static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain \"" + part + "\": " + e.getMessage());
        }
    }

    /** A .npy file with the given header dict text, version 1.0, followed by {@code data}. */
    private static byte[] npy(String dict, byte[] data) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header).put(data);
        return b.array();
    }

    private static byte[] littleEndianDoubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    @Test
    void writtenFloatMatrixReadsBackWithItsShapeTypeAndValues() throws IOException {
        INDArray a = Nd4j.create(new float[]{1.5f, -2f, 3.25f, 4f, 5f, -6.125f}, new long[]{2, 3}, 'c');
        Path file = tmp.resolve("a.npy");
        NpyFile.write(file, a);

        INDArray back = NpyFile.read(file);

        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(new long[]{2, 3}, back.shape());
        assertEquals(a, back);
    }

    @Test
    void writtenDoubleArraysOfRankZeroOneAndThreeReadBackExactly() throws IOException {
        INDArray scalar = Nd4j.scalar(Math.PI);
        INDArray vector = Nd4j.create(new double[]{1e-300, -0.1, 7});
        INDArray cube = Nd4j.arange(24).castTo(DataType.DOUBLE).divi(7).reshape(2, 3, 4).permute(2, 0, 1);
        for (INDArray a : List.of(scalar, vector, cube)) {
            Path file = tmp.resolve("r" + a.rank() + ".npy");
            NpyFile.write(file, a);
            INDArray back = NpyFile.read(file);
            assertEquals(DataType.DOUBLE, back.dataType());
            assertArrayEquals(a.shape(), back.shape(), "rank " + a.rank());
            assertEquals(a, back, "rank " + a.rank());
        }
        assertEquals(List.of(), NpyFile.readHeader(tmp.resolve("r0.npy")).shape());
        assertEquals(List.of(3L), NpyFile.readHeader(tmp.resolve("r1.npy")).shape());
    }

    @Test
    void writerUsesVersionOneAndPadsTheHeaderSoThatDataStartsAtAMultipleOf64() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFile.write(out, Nd4j.create(new double[]{1, 2, 3}));
        byte[] bytes = out.toByteArray();

        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertTrue(header.endsWith("\n"), header);
        assertEquals(10 + headerLength + 24, bytes.length);
    }

    @Test
    void emptyArraysKeepTheirShape() throws IOException {
        Path file = tmp.resolve("empty.npy");
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", new byte[0]));

        INDArray a = NpyFile.read(file);

        assertArrayEquals(new long[]{0, 3}, a.shape());
        assertEquals(0, a.length());
    }

    @Test
    void fortranOrderIsReadColumnMajor() throws IOException {
        Path file = tmp.resolve("f.npy");
        // 2 x 3 in column-major order: columns (1, 4), (2, 5), (3, 6)
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                littleEndianDoubles(1, 4, 2, 5, 3, 6)));

        INDArray a = NpyFile.read(file);

        assertArrayEquals(new double[][]{{1, 2, 3}, {4, 5, 6}}, a.toDoubleMatrix());
    }

    @Test
    void oldPython2HeadersWithLongSuffixesAndDoubleQuotesParse() throws IOException {
        Path file = tmp.resolve("py2.npy");
        Files.write(file, npy("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2L,)}",
                littleEndianDoubles(0.5, 0.25)));

        assertArrayEquals(new double[]{0.5, 0.25}, NpyFile.read(file).toDoubleVector());
    }

    @Test
    void readConvertsToTheRequestedType() throws IOException {
        Path file = tmp.resolve("d.npy");
        NpyFile.write(file, Nd4j.create(new double[]{0.1, 0.2}));

        INDArray f = NpyFile.read(file, DataType.FLOAT);

        assertEquals(DataType.FLOAT, f.dataType());
        assertArrayEquals(new float[]{0.1f, 0.2f}, f.toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> NpyFile.read(file, DataType.INT));
    }

    @Test
    void missingFileIsAFileNotFoundExceptionNamingIt() {
        Path missing = tmp.resolve("nope.npy");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> NpyFile.read(missing));
        assertMessageContains(e, missing.toString());
    }

    @Test
    void aFileWithoutTheMagicStringIsRejectedNamingIt() throws IOException {
        Path file = tmp.resolve("text.npy");
        Files.writeString(file, "x,y\n1,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyFile.read(file));
        assertMessageContains(e, file.toString(), "not a .npy file", "x93NUMPY");

        Path tiny = tmp.resolve("tiny.npy");
        Files.write(tiny, new byte[]{(byte) 0x93, 'N'});
        e = assertThrows(DataFormatException.class, () -> NpyFile.read(tiny));
        assertMessageContains(e, tiny.toString(), "truncated");
    }

    @Test
    void unsupportedTypesVersionsAndHeadersAreRejectedSayingWhatWasFound() throws IOException {
        for (String descr : List.of("<c16", "<f2", "|u1", "|b1", "|O", "<U3")) {
            Path file = tmp.resolve("t" + Math.abs(descr.hashCode()) + ".npy");
            Files.write(file, npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
            DataFormatException e = assertThrows(DataFormatException.class, () -> NpyFile.read(file), descr);
            assertMessageContains(e, file.toString(), "unsupported dtype '" + descr + "'");
        }
        Path structured = tmp.resolve("structured.npy");
        Files.write(structured, npy("{'descr': [('a', '<f4'), ('b', '<i8')], 'fortran_order': False, 'shape': (1,), }",
                new byte[12]));
        assertMessageContains(assertThrows(DataFormatException.class, () -> NpyFile.read(structured)),
                structured.toString(), "unsupported dtype", "structured");

        Path version = tmp.resolve("v9.npy");
        byte[] bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new byte[8]);
        bytes[6] = 9;
        Files.write(version, bytes);
        assertMessageContains(assertThrows(DataFormatException.class, () -> NpyFile.read(version)),
                version.toString(), "version 9.0");

        Path garbage = tmp.resolve("garbage.npy");
        Files.write(garbage, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3}", new byte[48]));
        assertMessageContains(assertThrows(DataFormatException.class, () -> NpyFile.read(garbage)),
                garbage.toString(), "malformed .npy header");

        Path noShape = tmp.resolve("noshape.npy");
        Files.write(noShape, npy("{'descr': '<f8', 'fortran_order': False}", new byte[8]));
        assertMessageContains(assertThrows(DataFormatException.class, () -> NpyFile.read(noShape)),
                noShape.toString(), "'shape'");
    }

    @Test
    void truncatedDataIsRejectedWithTheBytesNeededAndPresent() throws IOException {
        Path file = tmp.resolve("short.npy");
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", littleEndianDoubles(1, 2, 3)));

        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyFile.read(file));

        assertMessageContains(e, file.toString(), "truncated", "(2, 3)", "needs 48 bytes", "only 24");
    }

    @Test
    void truncatedHeaderIsRejectedNamingTheFile() throws IOException {
        Path file = tmp.resolve("header.npy");
        byte[] full = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", new byte[0]);
        Files.write(file, Arrays.copyOf(full, 20));

        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyFile.read(file));

        assertMessageContains(e, file.toString(), "truncated");
    }

    // ---- against real NumPy ----

    @Test
    void readsEveryFileNumpyWritesForTheSupportedTypesOrdersRanksAndVersions() throws IOException {
        PythonNumpy.assumeAvailable();
        PythonNumpy.exec("""
                import sys, numpy as np
                from numpy.lib import format as fmt
                d = sys.argv[1]
                base = np.arange(12).reshape(3, 4) * 0.5 - 2.25
                np.save(d + '/f4.npy', base.astype('<f4'))
                np.save(d + '/f8.npy', base.astype('<f8'))
                np.save(d + '/i4.npy', (base * 4).astype('<i4'))
                np.save(d + '/i8.npy', (base * 4).astype('<i8') * 10**12)
                np.save(d + '/fortran.npy', np.asfortranarray(base))
                np.save(d + '/big.npy', base.astype('>f8'))
                np.save(d + '/vec.npy', np.array([1.0, -2.0, 3.5], dtype='<f4'))
                np.save(d + '/scalar.npy', np.float64(2.5))
                for v in [(2, 0), (3, 0)]:
                    with open(d + '/v%d.npy' % v[0], 'wb') as f:
                        fmt.write_array(f, base, version=v)
                """, tmp.toString());
        double[][] base = new double[3][4];
        for (int i = 0; i < 12; i++) {
            base[i / 4][i % 4] = i * 0.5 - 2.25;
        }

        INDArray f4 = NpyFile.read(tmp.resolve("f4.npy"));
        assertEquals(DataType.FLOAT, f4.dataType());
        assertArrayEquals(base, f4.toDoubleMatrix());
        for (String name : List.of("f8", "fortran", "big", "v2", "v3")) {
            INDArray a = NpyFile.read(tmp.resolve(name + ".npy"));
            assertEquals(DataType.DOUBLE, a.dataType(), name);
            assertArrayEquals(base, a.toDoubleMatrix(), name);
        }
        assertTrue(NpyFile.readHeader(tmp.resolve("fortran.npy")).fortranOrder());
        assertEquals(2, NpyFile.readHeader(tmp.resolve("v2.npy")).majorVersion());
        assertEquals(3, NpyFile.readHeader(tmp.resolve("v3.npy")).majorVersion());
        double[][] i4 = NpyFile.read(tmp.resolve("i4.npy")).toDoubleMatrix();
        double[][] i8 = NpyFile.read(tmp.resolve("i8.npy")).toDoubleMatrix();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals((long) (base[r][c] * 4), i4[r][c]);
                assertEquals((long) (base[r][c] * 4) * 1_000_000_000_000L, i8[r][c]);
            }
        }
        INDArray vec = NpyFile.read(tmp.resolve("vec.npy"));
        assertEquals(1, vec.rank());
        assertArrayEquals(new float[]{1f, -2f, 3.5f}, vec.toFloatVector());
        INDArray scalar = NpyFile.read(tmp.resolve("scalar.npy"));
        assertEquals(0, scalar.rank());
        assertEquals(2.5, scalar.getDouble(), 0.0);
    }

    @Test
    void numpyReadsWhatThisClassWritesAndTheBytesEqualNumpysOwn() throws IOException {
        PythonNumpy.assumeAvailable();
        INDArray f = Nd4j.create(new float[]{0.1f, -1e-30f, 3e30f, 4f, 5f, 6f}, new long[]{3, 2}, 'c');
        INDArray d = Nd4j.create(new double[]{Math.E, -0.0, 1e-310}, new long[]{3}, 'c');
        INDArray s = Nd4j.scalar(-7.25);
        INDArray view = Nd4j.arange(1, 13).castTo(DataType.DOUBLE).reshape(3, 4).transpose();
        NpyFile.write(tmp.resolve("f.npy"), f);
        NpyFile.write(tmp.resolve("d.npy"), d);
        NpyFile.write(tmp.resolve("s.npy"), s);
        NpyFile.write(tmp.resolve("view.npy"), view);

        String out = PythonNumpy.exec("""
                import sys, io, numpy as np
                d = sys.argv[1]
                f = np.load(d + '/f.npy')
                assert f.dtype == np.float32 and f.shape == (3, 2), (f.dtype, f.shape)
                assert (f == np.array([[0.1, -1e-30], [3e30, 4], [5, 6]], dtype=np.float32)).all(), f
                v = np.load(d + '/d.npy')
                assert v.dtype == np.float64 and v.shape == (3,)
                assert v[0] == np.e and v[1] == 0 and np.signbit(v[1]) and v[2] == 1e-310, v
                s = np.load(d + '/s.npy')
                assert s.shape == () and s == -7.25
                t = np.load(d + '/view.npy')
                assert (t == np.arange(1, 13, dtype=np.float64).reshape(3, 4).T).all(), t
                for name, arr in [('f', f), ('d', v), ('s', s), ('view', t)]:
                    buf = io.BytesIO(); np.save(buf, arr)
                    assert open(d + '/' + name + '.npy', 'rb').read() == buf.getvalue(), name
                print('ok')
                """, tmp.toString());

        assertEquals("ok", out.strip());
        assertFalse(out.contains("Error"));
    }
}
