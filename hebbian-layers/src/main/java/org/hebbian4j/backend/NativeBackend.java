package org.hebbian4j.backend;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which native build of ND4J this process runs on, whether that build has oneDNN, and the switch
 * that lets DL4J's own layers ({@code ConvolutionLayer}, {@code SubsamplingLayer},
 * {@code BatchNormalization}, {@code LocalResponseNormalization}) use it.
 *
 * <p>ND4J's CPU backend comes as several native builds of the same version, one per classifier of
 * {@code org.nd4j:nd4j-native}: {@code linux-x86_64} (OpenBLAS only) and {@code linux-x86_64-onednn-avx2}
 * (also oneDNN) among them. JavaCPP loads the one whose jar is on the class path (with several, the
 * property {@code org.bytedeco.javacpp.platform.extension}, e.g. {@code -onednn-avx2}, picks one).
 * libnd4j's own ops ({@code conv2d}, {@code conv2d_bp}, pooling, batch norm) then run on oneDNN.
 *
 * <p>DL4J M2.1 reaches those ops from its layers only through its "layer helpers", which it creates
 * when the system property {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false}
 * (default {@code true}) and its check {@code BaseMKLDNNHelper.mklDnnEnabled()} passes. That check
 * looks for a class M2.1 no longer has ({@code org.nd4j.nativeblas.Nd4jCpu$Environment}); this
 * library supplies it ({@link org.nd4j.nativeblas.Nd4jCpu}), answering from {@link #oneDnnAvailable()},
 * so the helpers work again on a oneDNN build and stay off on the others. {@link #useOneDnnLayers()}
 * sets the property; a layer decides when it is created (at {@code net.init()} or on restore), so call
 * it first. Equivalent: {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false} on the command line.
 */
public final class NativeBackend {

    /** DL4J's system property that keeps its layer helpers off when {@code true} (its default). */
    public static final String HELPERS_DISABLE_PROPERTY = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;

    private static volatile Boolean oneDnn;

    private NativeBackend() {
    }

    /** ND4J's backend, e.g. {@code CPU} or {@code CUDA}. */
    public static String backend() {
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return backend == null ? "unknown" : backend.toString();
    }

    /**
     * The native build loaded, by its classifier (e.g. {@code linux-x86_64-onednn-avx2}), read from the
     * path JavaCPP loaded libnd4j from; {@code unknown} if it cannot be told.
     */
    public static String nativeBuild() {
        Nd4j.getExecutioner();
        for (String name : new String[]{"nd4jcpu", "nd4jcuda"}) {
            String path = Loader.getLoadedLibraries().get(name);
            if (path != null) {
                Path parent = Path.of(path).getParent();
                return parent == null ? path : parent.getFileName().toString();
            }
        }
        return "unknown";
    }

    /**
     * Whether libnd4j runs its ops on oneDNN here: the CPU backend, a build compiled with oneDNN
     * ({@code HAVE_ONEDNN} in its build information) and oneDNN not switched off in ND4J's environment.
     */
    public static boolean oneDnnAvailable() {
        Boolean known = oneDnn;
        if (known == null) {
            known = "CPU".equalsIgnoreCase(backend()) && compiledWithOneDnn() && environmentUsesOneDnn();
            oneDnn = known;
        }
        return known;
    }

    private static boolean compiledWithOneDnn() {
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return info != null && info.contains("HAVE_ONEDNN");
    }

    /** ND4J's {@code Environment.isUseONEDNN()} (true unless switched off), read reflectively: nd4j-native is not a compile dependency. */
    private static boolean environmentUsesOneDnn() {
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = env.getMethod("getInstance").invoke(null);
            Method use = env.getMethod("isUseONEDNN");
            return (boolean) use.invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /**
     * Lets DL4J's layers created from now on use oneDNN, if this build has it: sets
     * {@link #HELPERS_DISABLE_PROPERTY} to {@code false}, unless the user has set it. Does nothing on
     * builds without oneDNN (where DL4J's helpers call libnd4j's slower generic ops) or on CUDA.
     *
     * @return whether DL4J's layers created from now on use oneDNN
     */
    public static boolean useOneDnnLayers() {
        if (oneDnnAvailable() && System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        return oneDnnLayers();
    }

    /** Whether DL4J's layers created now use oneDNN: a oneDNN build with DL4J's layer helpers switched on. */
    public static boolean oneDnnLayers() {
        return oneDnnAvailable() && "false".equalsIgnoreCase(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"));
    }

    /**
     * One line for logs and reports, e.g. {@code nd4j-native linux-x86_64-onednn-avx2, oneDNN: yes, DL4J
     * layers on oneDNN: yes}.
     */
    public static String describe() {
        String backend = backend();
        String name = "CPU".equalsIgnoreCase(backend) ? "nd4j-native" : backend.toLowerCase(Locale.ROOT);
        return name + " " + nativeBuild() + ", oneDNN: " + (oneDnnAvailable() ? "yes" : "no")
                + ", DL4J layers on oneDNN: " + (oneDnnLayers() ? "yes" : "no");
    }
}
