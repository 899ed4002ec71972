package org.hebbian4j.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data on a cluster's file system (HDFS, S3 through {@code s3a://}, or any other Hadoop file system the Spark
 * installation reaches) for the readers of {@code org.hebbian4j.data}, which read local files: the files of a
 * directory copied to a new local directory on the driver.
 */
public final class RemoteFiles {

    private RemoteFiles() {
    }

    /**
     * Copies the files directly in {@code directoryUri} (e.g. {@code hdfs://namenode:8020/data/mnist}) to a new
     * temporary directory on this machine and returns it; it is deleted when the JVM exits.
     *
     * @throws FileNotFoundException if the URI names no directory (the message names it)
     */
    public static Path localCopy(JavaSparkContext sc, String directoryUri) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(directoryUri);
        FileSystem fs = dir.getFileSystem(sc.hadoopConfiguration());
        if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
            throw new FileNotFoundException("data directory " + directoryUri + " does not exist or is not a directory "
                    + "(file system " + fs.getUri() + ")");
        }
        Path local = Files.createTempDirectory("hebbian4j-data-");
        local.toFile().deleteOnExit();
        for (FileStatus file : fs.listStatus(dir)) {
            if (file.isFile()) {
                Path target = local.resolve(file.getPath().getName());
                fs.copyToLocalFile(false, file.getPath(), new org.apache.hadoop.fs.Path(target.toUri()), true);
                target.toFile().deleteOnExit();
            }
        }
        return local;
    }
}
