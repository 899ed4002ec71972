package org.hebbian4j.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.util.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training checkpoints: one zip file, written atomically, that holds what a run needs to continue
 * exactly where it stopped.
 *
 * <p>The file is a {@link ModelSerializer} model with its updater state (so Adam's moments and the
 * Hebbian layers' state arrays, which are parameters, come back) plus one entry with the
 * {@link TrainingPosition} and the caller's metadata (e.g. the settings of the run, to refuse
 * resuming with other ones). {@link #restoreMultiLayerNetwork} sets the network's iteration and epoch
 * counters to the position, which DL4J's updaters (Adam's bias correction) and schedules read; the
 * counters DL4J itself saves lag one step behind when the model is saved from a listener.
 *
 * <p>With a seeded iterator whose order depends only on seed and epoch
 * ({@link org.hebbian4j.data.ShuffledDataSetIterator#startAt}) and no randomness in training itself
 * (no dropout or weight noise), a run that is stopped, restored and continued with
 * {@link ResumableTraining#fit} ends with the same parameters, bit for bit, as one that ran through.
 *
 * <p>{@link #save} refuses to write a model whose parameters are not finite, so a diverged run can
 * never replace a good checkpoint.
 */
public final class Checkpoints {

    /** Name of the zip entry (a {@link ModelSerializer} object) holding position and metadata. */
    public static final String STATE_ENTRY = "hebbian4j-training-state";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A restored checkpoint: the model with its counters set, where it stopped, and the saved metadata. */
    public record Restored<T extends Model>(T model, TrainingPosition position, Map<String, String> metadata) {
    }

    private Checkpoints() {
    }

    /**
     * Writes {@code model} (with its updater state), {@code position} and {@code metadata} to {@code file},
     * replacing it atomically.
     *
     * @throws IllegalStateException if the model's parameters hold a NaN or an infinity (nothing is written)
     */
    public static void save(Model model, TrainingPosition position, Map<String, String> metadata, Path file)
            throws IOException {
        requireFinite(model, file);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", FORMAT);
        state.put("epoch", position.epoch());
        state.put("batch", position.batch());
        state.put("iteration", position.iteration());
        state.put("metadata", metadata == null ? Map.of() : new LinkedHashMap<>(metadata));
        String json;
        try {
            json = JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the training state of " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeFile(file, tmp -> {
            ModelSerializer.writeModel(model, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), STATE_ENTRY, json);
        });
    }

    /** Restores a MultiLayerNetwork checkpoint, its iteration and epoch counters set to the saved position. */
    public static Restored<MultiLayerNetwork> restoreMultiLayerNetwork(Path file) throws IOException {
        State state = readState(file);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        net.setIterationCount(Math.toIntExact(state.position.iteration()));
        net.setEpochCount(state.position.epoch());
        return new Restored<>(net, state.position, state.metadata);
    }

    /** Restores a ComputationGraph checkpoint, its iteration and epoch counters set to the saved position. */
    public static Restored<ComputationGraph> restoreComputationGraph(Path file) throws IOException {
        State state = readState(file);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        graph.getConfiguration().setIterationCount(Math.toIntExact(state.position.iteration()));
        graph.getConfiguration().setEpochCount(state.position.epoch());
        return new Restored<>(graph, state.position, state.metadata);
    }

    /** The position saved in a checkpoint, without loading the model. */
    public static TrainingPosition position(Path file) throws IOException {
        return readState(file).position;
    }

    /** The metadata saved in a checkpoint, without loading the model. */
    public static Map<String, String> metadata(Path file) throws IOException {
        return readState(file).metadata;
    }

    private record State(TrainingPosition position, Map<String, String> metadata) {
    }

    private static State readState(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no checkpoint file");
        }
        Object entry;
        try {
            entry = ModelSerializer.getObjectFromFile(file.toFile(), STATE_ENTRY);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a Hebbian4j checkpoint (no readable \"" + STATE_ENTRY
                    + "\" entry: " + e.getMessage() + ")", e);
        }
        if (!(entry instanceof String json)) {
            throw new IOException(file + " is not a Hebbian4j checkpoint (entry \"" + STATE_ENTRY + "\" holds "
                    + (entry == null ? "nothing" : entry.getClass().getName()) + ")");
        }
        Map<String, Object> state = JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
        Object format = state.get("format");
        if (!(format instanceof Number n) || n.intValue() != FORMAT) {
            throw new IOException(file + ": unsupported checkpoint format " + format + " (this version reads " + FORMAT + ")");
        }
        TrainingPosition position = new TrainingPosition(((Number) state.get("epoch")).intValue(),
                ((Number) state.get("batch")).intValue(), ((Number) state.get("iteration")).longValue());
        Map<String, String> metadata = new LinkedHashMap<>();
        if (state.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
        }
        return new State(position, metadata);
    }

    private static void requireFinite(Model model, Path file) {
        INDArray params = model.params();
        if (params == null || params.isEmpty()) {
            return;
        }
        if (!Double.isFinite(params.sumNumber().doubleValue()) && BooleanIndexing.or(params, Conditions.notFinite())) {
            throw new IllegalStateException("refusing to write " + file + ": the model's parameters hold NaN or"
                    + " infinite values (training diverged); the previous file, if any, is kept");
        }
    }
}
