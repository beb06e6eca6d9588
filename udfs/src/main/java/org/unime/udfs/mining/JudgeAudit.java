package org.unime.udfs.mining;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the judge did to stage-1's candidates, per dataset: how many retrieved candidates it flagged as likely false
 * negatives (score above s_pos - beta), how often nothing survived (fallback), and how its scores are distributed for
 * positives versus retrieved candidates. Peers that mine with an embedder alone cannot show this.
 */
public final class JudgeAudit {
  /** Histogram bins over [0, 1]. */
  public static final int BINS = 10;

  private final Dataset<Row> summary;
  private final Dataset<Row> histogram;
  private final Dataset<Row> examples;

  private JudgeAudit(Dataset<Row> summary, Dataset<Row> histogram, Dataset<Row> examples) {
    this.summary = summary;
    this.histogram = histogram;
    this.examples = examples;
  }

  /**
   * @param hardNegatives the mined table (query_id, outcome, survivors, false_negatives_removed, positive_score...)
   * @param judgments the judge's scores (query_id, candidate_id, score, is_positive)
   * @param queries the queries table (id, dataset, text)
   */
  public static JudgeAudit of(Dataset<Row> hardNegatives, Dataset<Row> judgments, Dataset<Row> queries) {
    Dataset<Row> datasetOf = queries.select(col("id").as("query_id"), col("dataset"), col("text").as("query_text"));
    Dataset<Row> mined = hardNegatives.join(datasetOf, "query_id");
    Dataset<Row> summary =
        mined.groupBy("dataset")
            .agg(
                count(lit(1)).as("queries"),
                sum(col("false_negatives_removed")).as("flagged_false_negatives"),
                sum(col("false_negatives_removed").plus(col("survivors"))).as("judged_candidates"),
                avg(col("false_negatives_removed")).as("flagged_per_query"),
                avg(when(col("outcome").equalTo("fallback"), 1.0).otherwise(0.0)).as("fallback_rate"),
                avg(when(col("outcome").equalTo("cyclic-repeat"), 1.0).otherwise(0.0)).as("cyclic_repeat_rate"),
                avg(col("positive_score")).as("mean_positive_score"))
            .withColumn("flagged_share", col("flagged_false_negatives").divide(col("judged_candidates")))
            .orderBy("dataset");
    Dataset<Row> histogram =
        judgments.join(datasetOf, "query_id")
            .withColumn("bin", least(floor(col("score").multiply(BINS)), lit(BINS - 1)).cast("int"))
            .groupBy("dataset", "is_positive", "bin")
            .count()
            .orderBy("dataset", "is_positive", "bin");
    Dataset<Row> examples =
        mined.filter(col("false_negatives_removed").gt(0))
            .orderBy(col("false_negatives_removed").desc(), col("query_id"))
            .select("dataset", "query_id", "query_text", "positive_score", "false_negatives_removed", "outcome")
            .limit(10);
    return new JudgeAudit(summary, histogram, examples);
  }

  /** One row per dataset; written to the {@code judge_audit} Delta table. */
  public Dataset<Row> summary() {
    return summary;
  }

  /** Score histogram per dataset, positives and retrieved candidates apart (bin = floor(score * 10)). */
  public Dataset<Row> histogram() {
    return histogram;
  }

  /** Markdown: the per-dataset table, the histogram and the queries with the most flagged candidates. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| dataset | queries | judged candidates | flagged as false negatives | share | per query | fallback rate | cyclic-repeat rate | mean s_pos |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : summary.collectAsList()) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% | %.2f | %.2f%% | %.1f%% | %.3f |%n",
          r.getString(0), r.getLong(1), r.getLong(3), r.getLong(2), 100 * r.getDouble(8), r.getDouble(4),
          100 * r.getDouble(5), 100 * r.getDouble(6), r.getDouble(7)));
    }
    sb.append("\nJudge score histogram (share of pairs per bin of width 0.1; `pos` = the query's positive, `cand` = retrieved candidates):\n\n");
    sb.append("| dataset | pairs |");
    for (int b = 0; b < BINS; b++) {
      sb.append(String.format(Locale.ROOT, " %.1f |", b / (double) BINS));
    }
    sb.append("\n|---|---|").append("---:|".repeat(BINS)).append('\n');
    List<Row> bins = histogram.collectAsList();
    bins.stream().map(r -> r.getString(0) + (r.getBoolean(1) ? " pos" : " cand")).distinct().forEach(key -> {
      long[] counts = new long[BINS];
      for (Row r : bins) {
        if ((r.getString(0) + (r.getBoolean(1) ? " pos" : " cand")).equals(key)) {
          counts[r.getInt(2)] += r.getLong(3);
        }
      }
      long total = java.util.Arrays.stream(counts).sum();
      sb.append("| ").append(key.substring(0, key.lastIndexOf(' '))).append(" | ").append(key.substring(key.lastIndexOf(' ') + 1)).append(" |");
      for (long c : counts) {
        sb.append(String.format(Locale.ROOT, " %.0f%% |", 100.0 * c / Math.max(1, total)));
      }
      sb.append('\n');
    });
    sb.append("\nQueries with the most candidates flagged as false negatives:\n\n| dataset | query | text | s_pos | flagged | outcome |\n|---|---|---|---:|---:|---|\n");
    for (Row r : examples.collectAsList()) {
      String text = r.getString(2) == null ? "" : r.getString(2).replace("|", "\\|");
      sb.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %.3f | %d | %s |%n",
          r.getString(0), r.getString(1), text, r.getDouble(3), r.getInt(4), r.getString(5)));
    }
    return sb.toString();
  }
}
