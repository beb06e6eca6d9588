package org.unime.tests.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.TrainingSettings.Loss;
import org.unime.udfs.distributed.DistributedTrainer;
import org.unime.udfs.distributed.StepMetrics;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingSummary;
import org.unime.udfs.unime.UnimeTask;

/**
 * Benchmark, not a test (run by {@code scripts/bench-training-distributed.sh}): UniME-V2 training steps on the
 * built-in embedder's default architecture (dimension 128, 32-pixel images) with synthetic inputs, as the
 * single-process DJL loop ({@link TrainingLoop}) and as the Spark data-parallel trainer on this JVM's local[2] with
 * 1, 2 and 4 partitions, for the per-example {@code unime-v2} loss and GradCache's {@code in-batch} loss. Reports
 * steps/s, samples/s, and the share of a distributed step that is neither compute nor the optimizer update
 * (weights snapshot + broadcast, task scheduling, (de)serialisation, gradient transfer and summation), as JSON.
 *
 * <p>Arguments: {@code output.json batchSize measuredSteps warmupSteps}. Two throw-away runs warm the JVM, libtorch
 * and Spark up first; every configuration then runs {@code warmupSteps} unmeasured steps before the measured ones.
 */
public final class DistributedTrainingBench {
  private DistributedTrainingBench() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int batch = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    EmbedderArchitecture architecture = EmbedderArchitecture.standard(128, 32);
    SyntheticTraining data = SyntheticTraining.create(architecture, 8 * batch, 4 * batch, 8, 11);
    SparkSession spark = TrainingSpark.get();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrainingConfig config =
        TrainingConfig.builder(batch, warmup + steps, 1e-4).withWarmupSteps(0).withLogEvery(1_000_000).build();

    // Throw-away runs first: the JVM's JIT, libtorch's kernels and Spark's code paths warm up on them, so that the
    // first measured configuration is not penalised.
    TrainingConfig warm =
        TrainingConfig.builder(batch, 2 * warmup, 1e-4).withWarmupSteps(0).withLogEvery(1_000_000).build();
    local(data, Loss.UNIME_V2, warm, warmup);
    distributed(jsc, data, Loss.UNIME_V2, warm, warmup, 2, 0);

    List<Map<String, Object>> runs = new ArrayList<>();
    for (Loss loss : List.of(Loss.UNIME_V2, Loss.IN_BATCH)) {
      runs.add(local(data, loss, config, warmup));
      for (int partitions : loss == Loss.UNIME_V2 ? new int[] {1, 2, 4} : new int[] {2}) {
        runs.add(distributed(jsc, data, loss, config, warmup, partitions, 0));
      }
    }
    // Local SGD (rounds of 4 local steps, weights and moments averaged), warm-up rounded to a round boundary.
    TrainingConfig rounds =
        TrainingConfig.builder(batch, 4 * ((warmup + steps + 3) / 4) + 4, 1e-4).withWarmupSteps(0)
            .withLogEvery(1_000_000).build();
    for (int partitions : new int[] {2, 4}) {
      runs.add(distributed(jsc, data, Loss.UNIME_V2, rounds, 4, partitions, 4));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "UniME-V2 training step: single-process DJL loop vs Spark data-parallel trainer");
    result.put("master", spark.sparkContext().master());
    result.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    result.put("architecture", architecture.toString());
    result.put("batch_size", batch);
    result.put("candidates_per_query", 9);
    result.put("measured_steps", steps);
    result.put("warmup_steps", warmup);
    result.put("runs", runs);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json(result));
    System.out.println(json(result));
    spark.stop();
  }

  private static Map<String, Object> local(SyntheticTraining data, Loss loss, TrainingConfig config, int warmup) {
    try (UnimeTask task = data.task(loss); TrainingLoop loop = TrainingLoop.create(config, task)) {
      loop.trainUntil(warmup);
      TrainingSummary s = loop.trainToEnd();
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("trainer", "single-process DJL loop");
      run.put("loss", loss.wireName());
      run.put("partitions", 0);
      run.put("steps_per_second", s.steps() / s.seconds());
      run.put("samples_per_second", s.samplesPerSecond());
      return run;
    }
  }

  private static Map<String, Object> distributed(
      JavaSparkContext jsc, SyntheticTraining data, Loss loss, TrainingConfig config, int warmup, int partitions,
      int localSteps) {
    List<StepMetrics> all = new ArrayList<>();
    try (UnimeTask task = data.task(loss)) {
      DistributedTrainer.Builder builder =
          DistributedTrainer.builder(jsc, config, task, data.recipe(loss)).withPartitions(partitions).withListener(all::add);
      if (localSteps > 0) {
        builder.withLocalSgd(localSteps);
      }
      try (DistributedTrainer trainer = builder.build()) {
        trainer.trainUntil(warmup);
        int from = all.size();
        trainer.trainToEnd();
        List<StepMetrics> measured = all.subList(from, all.size());
        double wall = measured.stream().mapToDouble(StepMetrics::seconds).sum();
        double compute = measured.stream().mapToDouble(StepMetrics::computeSeconds).sum();
        double update = measured.stream().mapToDouble(StepMetrics::updateSeconds).sum();
        double communication = measured.stream().mapToDouble(StepMetrics::communicationSeconds).sum();
        StepMetrics last = measured.get(measured.size() - 1);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put(
            "trainer",
            (localSteps > 0 ? "Spark local SGD, " + localSteps + " local steps per round (" : "Spark data-parallel (")
                + jsc.sc().master() + ")");
        run.put("loss", loss.wireName());
        run.put("partitions", partitions);
        run.put("local_steps", localSteps);
        run.put("steps_per_second", measured.size() / wall);
        run.put("samples_per_second", measured.size() * (double) last.examples() / wall);
        run.put("compute_share", compute / wall);
        run.put("update_share", update / wall);
        run.put("communication_share", communication / wall);
        run.put("communication_ms_per_step", 1000 * communication / measured.size());
        run.put("bytes_down_per_step", last.bytesDown());
        run.put("bytes_up_per_step", last.bytesUp());
        run.put("parameters", trainer.parameterCount());
        return run;
      }
    }
  }

  private static String json(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(DistributedTrainingBench::json).collect(Collectors.joining(",\n  ", "[\n  ", "]"));
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.6g", d);
    }
    if (value instanceof Number) {
      return value.toString();
    }
    return "\"" + value.toString().replace("\"", "'") + "\"";
  }
}
