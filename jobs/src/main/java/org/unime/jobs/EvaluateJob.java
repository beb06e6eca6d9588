package org.unime.jobs;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.evaluate.EvaluationRun;
import org.unime.udfs.evaluate.ModelRef;
import org.unime.udfs.evaluate.Reranker;
import org.unime.udfs.spark.SparkSessions;

/**
 * {@code evaluate [model-uri...]} (issue 7): scores embedding models on the held-out splits of the ingest tables
 * (MMEB-style P@1 per task and meta-task, image↔text recall@k, compositional pairs) and on the benchmark files
 * configured under {@code unime.evaluation}; merges the numbers into {@code unime.evaluation.table} and writes
 * {@code <reports-dir>/evaluation.md} with bar charts. Without URIs: the stage-1 embedder and every trained model
 * under {@code unime.training.output-dir/<loss>}.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private EvaluateJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "evaluate"));
  }

  static void run(UnimeSettings settings, JobArgs args) throws Exception {
    SparkSession spark = SparkSessions.create(settings.spark());
    spark.sparkContext().setJobGroup("evaluate", "UniME-V2 embedding evaluation", false);
    List<ModelRef> models = args.rest().isEmpty()
        ? ModelRef.defaults(settings)
        : args.rest().stream().map(uri -> ModelRef.of(uri, settings)).toList();
    Optional<Reranker> reranker = reranker(settings);
    try {
      EvaluationRun run = EvaluationRun.of(spark, settings);
      run = reranker.map(run::withReranker).orElse(run);
      EvaluationRun.Result result = run.run(models, EvaluationRun.newRunId("evaluate"));
      LOG.info("Evaluation {} written: {} models, report {}", result.runId(), result.models().size(), result.report());
    } finally {
      reranker.ifPresent(Reranker::close);
    }
  }

  /**
   * The reranker whose gain the evaluation measures (spec section 6), or none: the extension point for the
   * reranker of {@code udfs.rerank}. Until it is plugged in here, the reports show the rerank rows as pending.
   */
  static Optional<Reranker> reranker(UnimeSettings settings) {
    return Optional.empty();
  }
}
