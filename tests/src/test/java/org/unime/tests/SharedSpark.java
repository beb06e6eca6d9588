package org.unime.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.ConfigLoader;
import org.unime.conf.SparkSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.spark.SparkSessions;

/**
 * One local[2] SparkSession for the whole test JVM (session start costs seconds on 2 cores), built through the
 * same factory and reference.conf the jobs use, with the UI off. Every test package (cluster, training...) uses this
 * one, so test order changes nothing.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      // A JVM has one SparkContext: test packages that ran first may already have made it.
      SparkSettings base = UnimeSettings.from(ConfigLoader.defaults().load()).spark();
      java.util.Map<String, String> conf = new java.util.HashMap<>(base.conf());
      conf.put("spark.ui.enabled", "false");
      conf.put("spark.sql.shuffle.partitions", "4");
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.sql.adaptive.enabled", "false");
      conf.put("spark.sql.warehouse.dir", tempDir("spark-warehouse").toString());
      session = SparkSessions.create(new SparkSettings("local[2]", "unime-tests", conf));
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
