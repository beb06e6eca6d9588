package org.unime.tests.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.ConfigLoader;
import org.unime.conf.SparkSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.spark.SparkSessions;

/**
 * The test JVM's local[2] session for the training tests. A JVM has one SparkContext, so this reuses the session
 * another IT made ({@code org.unime.tests.SharedSpark}, package-private there) and otherwise builds one with the same
 * settings, so test order changes nothing.
 */
final class TrainingSpark {
  private TrainingSpark() {}

  static synchronized SparkSession get() {
    SparkSession existing = SparkSession.getDefaultSession().getOrElse(() -> null);
    if (existing != null) {
      return existing;
    }
    SparkSettings base = UnimeSettings.from(ConfigLoader.defaults().load()).spark();
    Map<String, String> conf = new HashMap<>(base.conf());
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.sql.adaptive.enabled", "false");
    try {
      conf.put("spark.sql.warehouse.dir", Files.createTempDirectory("spark-warehouse").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SparkSession session = SparkSessions.create(new SparkSettings("local[2]", "unime-tests", conf));
    Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    return session;
  }
}
