package org.unime.jobs;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.evaluate.Ablation;
import org.unime.udfs.evaluate.EvaluationRun;
import org.unime.udfs.evaluate.Reranker;
import org.unime.udfs.spark.SparkSessions;

/**
 * {@code ablation} (issue 7): from the stage-1 embedder and the mined table (run {@code demo}, or
 * {@code ingest}, {@code models} and {@code mine-all}, first), trains (a) in-batch, (b) hard-negatives-only and (c)
 * unime-v2 once per seed of {@code unime.evaluation.ablation.seeds}, evaluates every model as {@code evaluate}
 * does and writes {@code <reports-dir>/ablation.md}: mean ± std of every metric next to the paper's ablation.
 * scripts/ablation.sh builds and runs it locally.
 */
public final class AblationJob {
  private static final Logger LOG = LoggerFactory.getLogger(AblationJob.class);

  private AblationJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "ablation"));
  }

  static void run(UnimeSettings settings, JobArgs args) throws Exception {
    if (!args.rest().isEmpty()) {
      throw new IllegalArgumentException("Cannot run ablation: it takes no arguments (got " + args.rest()
          + "); configure it under unime.evaluation.ablation");
    }
    SparkSession spark = SparkSessions.create(settings.spark());
    spark.sparkContext().setJobGroup("ablation", "UniME-V2 ablation: 3 losses x seeds, evaluated", false);
    Optional<Reranker> reranker = EvaluateJob.reranker(settings);
    try {
      EvaluationRun evaluation = EvaluationRun.of(spark, settings);
      evaluation = reranker.map(evaluation::withReranker).orElse(evaluation);
      Ablation.Result result = Ablation.run(spark, settings, evaluation);
      LOG.info("Ablation {} done in {} s: {} training runs, report {}", result.runId(),
          String.format("%.0f", result.seconds()), result.runs().size(), result.report());
    } finally {
      reranker.ifPresent(Reranker::close);
    }
  }
}
