package org.unime.udfs.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.SparkSettings;

/** Builds the session every job uses, with Delta enabled. Settings given to spark-submit take precedence. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    if (settings.hasMaster()) {
      builder.master(settings.master());
    }
    SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> null);
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      // spark-submit --conf lands in the SparkConf before we run; never silently overwrite it.
      if (existing == null || !existing.conf().contains(e.getKey())) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    return builder.getOrCreate();
  }
}
