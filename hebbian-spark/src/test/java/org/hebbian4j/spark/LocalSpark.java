package org.hebbian4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in local mode for the tests: two worker threads, no UI, bound to the loopback address. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start(String name) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        return new JavaSparkContext(conf);
    }
}
