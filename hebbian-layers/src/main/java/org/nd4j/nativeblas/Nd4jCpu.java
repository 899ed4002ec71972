package org.nd4j.nativeblas;

import org.hebbian4j.backend.NativeBackend;

/**
 * Compatibility class for DL4J 1.0.0-M2.1, not part of ND4J: DL4J's oneDNN layer helpers
 * ({@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()}) look up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, a class ND4J renamed
 * before M2.1, and without it never use oneDNN. This class answers that call with
 * {@link NativeBackend#oneDnnAvailable()}. See {@link NativeBackend}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The environment DL4J's check asks for. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j runs on oneDNN here (see {@link NativeBackend#oneDnnAvailable()}). */
        public boolean isUseMKLDNN() {
            return NativeBackend.oneDnnAvailable();
        }
    }
}
