package org.unime.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.unime.UnimeTraining;

/**
 * {@code train [--resume]}: UniME-V2 embedding training (issue 5) on the mined hard negatives, data-parallel on the
 * session's executors, with the loss of {@code unime.training.loss}. Writes the model to
 * {@code <unime.training.output-dir>/<loss>}, per-step metrics to {@code unime.training.metrics-table}, and
 * {@code <reports-dir>/train-<loss>.md} with the loss-curve PNG beside it. {@code --resume} continues the run in
 * {@code <unime.training.run-dir>/<loss>} from its last checkpoint, on the table versions it pinned.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private TrainJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "train"));
  }

  static void run(UnimeSettings settings, JobArgs args) throws Exception {
    UnimeTraining.Start start = start(args.rest());
    SparkSession spark = SparkSessions.create(settings.spark());
    String loss = settings.training().loss().wireName();
    spark.sparkContext().setJobGroup("train", "UniME-V2 training (" + loss + ")", false);
    UnimeTraining.Result result = UnimeTraining.run(spark, settings, start);
    Path out = Path.of(settings.reportsDir(), "train-" + loss + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.markdown());
    LOG.info("Training report written to {}:\n{}", out, result.markdown());
  }

  static UnimeTraining.Start start(List<String> rest) {
    if (rest.isEmpty()) {
      return UnimeTraining.Start.FRESH;
    }
    if (rest.equals(List.of("--resume"))) {
      return UnimeTraining.Start.RESUME;
    }
    throw new IllegalArgumentException("Cannot run train: unknown arguments " + rest + "; expected nothing or --resume");
  }
}
