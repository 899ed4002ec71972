package org.hebbian4j.samples.support;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import org.hebbian4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** One-line JSON for {@code --json} output and pretty JSON result files. */
public final class JsonLine {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonLine() {
    }

    public static String of(Map<String, ?> fields) {
        try {
            return COMPACT.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Writes pretty JSON to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, Map<String, ?> fields) throws IOException {
        byte[] bytes = PRETTY.writeValueAsBytes(fields);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
