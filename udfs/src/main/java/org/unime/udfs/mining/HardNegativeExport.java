package org.unime.udfs.mining;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.unime.pipeline.interchange.Candidate;
import org.unime.pipeline.interchange.MinedRecord;
import org.unime.pipeline.interchange.ReferenceJsonCodec;

/**
 * Writes the hard-negative table in the formats training code reads: the reference repository's mined-record JSON
 * (spec section 1, what UniME-V2's own trainer consumes) and sentence-transformers style n-tuples with scores
 * (JSON Lines: anchor, positive, negative_1..n, plus their image paths and the judge scores). Rows stream to the
 * driver one partition at a time.
 */
public final class HardNegativeExport {
  private final Dataset<Row> queries;
  private final Dataset<Row> candidates;

  /** @param queries and candidates: the item tables the hard negatives refer to */
  public HardNegativeExport(Dataset<Row> queries, Dataset<Row> candidates) {
    this.queries = queries;
    this.candidates = candidates;
  }

  /** Writes {@code <dir>/hard_negatives.json} (and images under {@code <dir>/images}); returns the record count. */
  public long toReferenceJson(Dataset<Row> hardNegatives, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(dir.resolve("hard_negatives.json"))) {
      Iterator<MinedRecord> records = new MappingIterator<>(resolved(hardNegatives), row -> toRecord(row, dir));
      return new ReferenceJsonCodec().write(records, out);
    }
  }

  /** Writes {@code <dir>/hard_negatives.jsonl} in the sentence-transformers n-tuple layout; returns the row count. */
  public long toSentenceTransformers(Dataset<Row> hardNegatives, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper mapper = new ObjectMapper();
    long count = 0;
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("hard_negatives.jsonl"), StandardCharsets.UTF_8)) {
      Iterator<Row> rows = resolved(hardNegatives);
      while (rows.hasNext()) {
        MinedRecord record = toRecord(rows.next(), dir);
        out.write(mapper.writeValueAsString(tuple(mapper, record)));
        out.newLine();
        count++;
      }
    }
    return count;
  }

  private static ObjectNode tuple(ObjectMapper mapper, MinedRecord record) {
    ObjectNode node = mapper.createObjectNode();
    node.put("anchor", record.queryText()).put("anchor_image", record.queryImage());
    node.put("positive", record.posText()).put("positive_image", record.posImage());
    ArrayNode scores = node.putArray("scores");
    scores.add(record.queryPosScore());
    for (int i = 0; i < record.hardNegatives().size(); i++) {
      Candidate negative = record.hardNegatives().get(i);
      node.put("negative_" + (i + 1), negative.text()).put("negative_" + (i + 1) + "_image", negative.imagePath());
      scores.add(record.hardNegativeScores().get(i));
    }
    return node;
  }

  /** Each hard-negative row with its query, positive and negatives resolved to full items, negatives in order. */
  private Iterator<Row> resolved(Dataset<Row> hardNegatives) {
    Dataset<Row> item = candidates.select(col("id"), col("text"), col("image"), col("source"));
    Dataset<Row> negatives =
        hardNegatives
            .select(col("query_id"), posexplode(col("negative_ids")).as(new String[] {"position", "candidate_id"}))
            .join(item, col("candidate_id").equalTo(item.col("id")))
            .groupBy("query_id")
            .agg(collect_list(struct(col("position"), struct(col("id"), col("text"), col("image"), col("source")).as("item")))
                .as("negatives"));
    Dataset<Row> withQuery =
        hardNegatives
            .join(queries.select(col("id").as("q_id"), struct(col("id"), col("text"), col("image"), col("source")).as("query")),
                col("query_id").equalTo(col("q_id")))
            .join(candidates.select(col("id").as("p_id"), struct(col("id"), col("text"), col("image"), col("source")).as("positive")),
                col("positive_id").equalTo(col("p_id")))
            .join(negatives, "query_id")
            .orderBy("query_id");
    return withQuery.toLocalIterator();
  }

  private static MinedRecord toRecord(Row row, Path dir) {
    try {
      ExportItem query = ExportItem.of(row.getAs("query"), dir);
      ExportItem positive = ExportItem.of(row.getAs("positive"), dir);
      List<Row> negatives = new ArrayList<>(row.<Row>getList(row.fieldIndex("negatives")));
      negatives.sort(Comparator.comparingInt(r -> r.<Integer>getAs("position")));
      List<Candidate> negativeItems = new ArrayList<>();
      for (Row negative : negatives) {
        ExportItem item = ExportItem.of(negative.getAs("item"), dir);
        negativeItems.add(new Candidate(item.text(), item.imagePath()));
      }
      List<Double> scores = row.getList(row.fieldIndex("negative_scores"));
      if (negativeItems.size() != scores.size()) {
        throw new IllegalStateException(
            "Cannot export query " + row.getAs("query_id") + ": " + scores.size() + " negative scores but only "
                + negativeItems.size() + " negatives resolve to candidates");
      }
      return new MinedRecord(query.text(), query.imagePath(), positive.text(), positive.imagePath(),
          row.<Double>getAs("positive_score"), negativeItems, List.copyOf(scores));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot export query " + row.getAs("query_id") + ": " + e.getMessage(), e);
    }
  }

  /** Lazily maps an iterator, so exports stream instead of collecting the table on the driver. */
  private record MappingIterator<A, B>(Iterator<A> source, java.util.function.Function<A, B> mapper)
      implements Iterator<B> {
    @Override
    public boolean hasNext() {
      return source.hasNext();
    }

    @Override
    public B next() {
      return mapper.apply(source.next());
    }
  }
}
