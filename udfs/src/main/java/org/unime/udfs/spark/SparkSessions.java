package org.unime.udfs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
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
    // spark-submit passes its --conf values as spark.* system properties, which a new SparkConf reads; an active
    // session holds them too. Configured defaults must never silently override either.
    SparkConf submitted = new SparkConf();
    SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> null);
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      boolean setBySubmit = submitted.contains(e.getKey()) || (existing != null && existing.conf().contains(e.getKey()));
      if (!setBySubmit) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    return builder.getOrCreate();
  }
}
