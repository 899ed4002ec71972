package org.hebbian4j.samples.bench;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Memory figures of a workload, cheap enough to sample after every batch:
 * <ul>
 *   <li>peak heap: the sum of the JVM's heap pools' peak usage since {@link #reset()};</li>
 *   <li>peak physical memory: the process's resident set (JavaCPP {@link Pointer#physicalBytes()}),
 *       which holds ND4J's off-heap buffers and workspaces, and the heap. ND4J M2.1 allocates its
 *       buffers in native code, outside JavaCPP's {@code Pointer.totalBytes()} count, so the resident
 *       set is the only process-wide off-heap figure; it rarely shrinks, so a later workload's peak
 *       includes what the earlier ones left;</li>
 *   <li>workspace bytes: the current size of the calling thread's ND4J workspaces.</li>
 * </ul>
 */
public final class BenchMemory {

    private long peakPhysicalBytes;

    /** Starts a new measurement: resets the heap pools' peaks and the physical-memory peak. */
    void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        peakPhysicalBytes = 0;
        sample();
    }

    /** Records the current resident set (about a microsecond). */
    void sample() {
        peakPhysicalBytes = Math.max(peakPhysicalBytes, Pointer.physicalBytes());
    }

    long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    long peakPhysicalBytes() {
        return peakPhysicalBytes;
    }

    /**
     * CPU time of the whole process (all threads: ND4J's OpenMP and BLAS threads included), in
     * nanoseconds; waiting for a core does not count, so on a loaded machine it measures the work done.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The process's resident set now. */
    static long residentBytes() {
        return Pointer.physicalBytes();
    }

    static long workspaceBytes() {
        long sum = 0;
        for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            sum += ws.getCurrentSize();
        }
        return sum;
    }
}
