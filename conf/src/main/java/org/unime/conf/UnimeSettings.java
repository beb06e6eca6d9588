package org.unime.conf;

import com.typesafe.config.Config;
import java.io.Serializable;

/**
 * All settings of the pipeline, built once on the driver from a loaded {@link Config} and validated eagerly:
 * every problem (missing key, wrong type, out-of-range value, unknown key) is reported in one
 * {@link SettingsException}. Only these records travel to executors, never the {@code Config}.
 */
public record UnimeSettings(
    String dataHome,
    String reportsDir,
    StorageSettings storage,
    SparkSettings spark,
    IngestSettings ingest,
    RetrievalSettings retrieval,
    MiningSettings mining,
    ModelSettings models,
    JudgeSettings judge,
    TrainingSettings training,
    EvaluationSettings evaluation,
    RerankerSettings reranker)
    implements Serializable {

  /** The same settings with other training settings. */
  public UnimeSettings withTraining(TrainingSettings other) {
    return new UnimeSettings(
        dataHome, reportsDir, storage, spark, ingest, retrieval, mining, models, judge, other, evaluation,
        reranker);
  }

  /** Builds and validates the settings; throws {@link SettingsException} listing every problem. */
  public static UnimeSettings from(Config config) {
    ConfigReader reader = new ConfigReader(config);
    UnknownKeys.check(config, reader);
    RetrievalSettings retrieval = RetrievalSettings.from(reader);
    UnimeSettings settings =
        new UnimeSettings(
            reader.string("unime.data-home"),
            reader.string("unime.reports-dir"),
            StorageSettings.from(reader),
            SparkSettings.from(reader),
            IngestSettings.from(reader),
            retrieval,
            MiningSettings.from(reader, retrieval.topK()),
            ModelSettings.from(reader),
            JudgeSettings.from(reader),
            TrainingSettings.from(reader),
            EvaluationSettings.from(reader),
            RerankerSettings.from(reader));
    reader.throwIfProblems();
    return settings;
  }
}
