package org.unime.conf;

import java.io.Serializable;
import java.util.Map;

/**
 * How a job builds its SparkSession.
 *
 * @param master master URL, or empty to let spark-submit decide
 * @param appName application name
 * @param conf extra Spark settings (spark-submit --conf values take precedence)
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) implements Serializable {

  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  static SparkSettings from(ConfigReader reader) {
    return new SparkSettings(
        reader.optionalString("unime.spark.master"),
        reader.string("unime.spark.app-name"),
        reader.stringMap("unime.spark.conf"));
  }

  public boolean hasMaster() {
    return !master.isEmpty();
  }
}
