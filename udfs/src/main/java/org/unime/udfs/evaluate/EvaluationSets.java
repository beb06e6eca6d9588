package org.unime.udfs.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.EvaluationSettings;
import org.unime.conf.StorageSettings;
import org.unime.udfs.embed.ItemTables;

/**
 * Everything one evaluation scores, read once and shared by every model it compares, so that their numbers differ
 * only by the model: the held-out sets (from the candidates and queries tables at pinned versions) and the
 * configured benchmark files. Driver-only.
 *
 * @param tables table path → Delta version the held-out sets were read from
 * @param heldOutTasks MMEB-style tasks on the held-out splits, if any held-out query exists
 * @param recall recall sets on the unseen-concept splits (may be empty)
 * @param compositional compositional pairs over the held-out images, if any
 * @param mmeb MMEB-eval tasks, if configured
 * @param karpathy the Karpathy split, if configured
 * @param sugarCrepe SugarCrepe, if configured
 */
public record EvaluationSets(
    Map<String, Long> tables,
    Optional<TaskSuite> heldOutTasks,
    List<RecallSet> recall,
    Optional<CompositionalSet> compositional,
    Optional<TaskSuite> mmeb,
    Optional<RecallSet> karpathy,
    Optional<CompositionalSet> sugarCrepe) {

  public EvaluationSets {
    tables = Map.copyOf(tables);
    recall = List.copyOf(recall);
  }

  /** Reads the held-out sets from the current table versions and opens the configured benchmark files. */
  public static EvaluationSets read(SparkSession spark, StorageSettings storage, EvaluationSettings e)
      throws IOException {
    ItemTables tables = ItemTables.pin(spark, storage);
    HeldOutSets heldOut = HeldOutSets.read(tables);
    return new EvaluationSets(
        tables.versions(),
        heldOut.tasks(e.maxCandidates()),
        heldOut.recallSets(),
        heldOut.compositional(),
        e.mmeb().configured() ? Optional.of(BenchmarkSets.mmeb(e.mmeb())) : Optional.empty(),
        e.karpathy().configured()
            ? Optional.of(BenchmarkSets.karpathy(e.karpathy(), e.imageInstruction()))
            : Optional.empty(),
        e.sugarCrepe().configured()
            ? Optional.of(BenchmarkSets.sugarCrepe(e.sugarCrepe(), e.imageInstruction()))
            : Optional.empty());
  }

  /** Every metric of one model, suite after suite. */
  List<MetricValue> score(ModelScorer scorer) throws IOException {
    List<MetricValue> out = new ArrayList<>();
    if (heldOutTasks.isPresent()) {
      out.addAll(scorer.tasks(heldOutTasks.get()));
    }
    if (!recall.isEmpty()) {
      out.addAll(scorer.recall(Suites.RECALL, recall));
    }
    if (compositional.isPresent()) {
      out.addAll(scorer.compositional(compositional.get()));
    }
    if (mmeb.isPresent()) {
      out.addAll(scorer.tasks(mmeb.get()));
    }
    if (karpathy.isPresent()) {
      out.addAll(scorer.recall(Suites.KARPATHY, List.of(karpathy.get())));
    }
    if (sugarCrepe.isPresent()) {
      out.addAll(scorer.compositional(sugarCrepe.get()));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("Cannot evaluate: there is no held-out query in the tables and no benchmark"
          + " file is configured (got tables " + tables + "); run `ingest` first");
    }
    return out;
  }
}
