/**
 * Incremental refresh of the mining tables ({@code embeddings}, {@code retrieval}, {@code judgments},
 * {@code hard_negatives}, plus the mine-stage rows of {@code rejects}) after rows were added to, changed in or
 * removed from the source tables ({@code candidates}, {@code queries}). The entry point is {@link
 * org.unime.udfs.refresh.RefreshRunner}; the {@code refresh} command runs it.
 *
 * <h2>Contract</h2>
 *
 * After a refresh, the four mining tables hold exactly the rows a clean {@code mine-all} over the current source
 * tables would write, with the same models and settings, except for the provenance columns {@code
 * candidates_version} and {@code queries_version} of hard-negative rows that did not change (they keep the table
 * versions they were mined from). Bit-for-bit equality needs a deterministic retrieval kernel ({@code
 * retrieval.kernel = java}) and model outputs that do not depend on which rows share a batch; with sgemm and
 * padded batches, a refresh and a clean run differ by float rounding, as two clean runs with different
 * partitionings do. A refresh with no new data writes nothing: no table gets a new version.
 *
 * <h2>How changes are found</h2>
 *
 * The embeddings table records the content hash each vector was computed from. A mined query or pool candidate with
 * no vector for its current (id, content hash) is <i>new or changed</i>; a vector or a top-k entry whose item left
 * the pool or the mined queries is <i>removed</i>. Changed and removed candidates are <i>stale</i>: every stored
 * fact about them (vector, top-k entries, judge scores) was computed from content that no longer exists. A change
 * of a query's positive ids alone is not seen: the content hash covers text and image only, and ingest does not
 * rewrite a row whose hash is unchanged either. Only pool candidates have vectors, so a changed positive outside
 * the pool (another split) is not seen either; training queries' positives are in the training pool.
 *
 * <h2>What is recomputed</h2>
 *
 * <ol>
 *   <li><b>Embed</b> the new and changed rows only.
 *   <li><b>Retrieve.</b> New and changed queries, and queries whose stored top-k holds a stale candidate, are
 *       retrieved from scratch against the whole pool (dropping a stale entry leaves a gap that only a full search
 *       can fill exactly). Every other query is scored against the new and changed candidates alone, with the same
 *       {@link org.unime.udfs.retrieval.ExactTopK} (kernel, delta cap, positive filter), and the result is merged
 *       with its stored top-k and cut to k by the same order (similarity descending, then candidate id). A changed
 *       candidate therefore never survives with its old score: it is stale wherever it was stored, and its new
 *       vector competes like a new candidate's. Ranks a shorter list no longer has are deleted.
 *   <li><b>Judge</b> the affected queries (new lists, or a stale first positive). Judgments of stale candidates and
 *       changed queries, of pairs that left an affected query's list and of removed queries are deleted; the judge
 *       stage then scores exactly the pairs without a current score, so the expensive MLLM work is proportional to
 *       the new pairs.
 *   <li><b>Mine</b> the affected queries with the same sampler; a query that now rejects, or was removed, loses its
 *       hard-negative row, and its stale mine-stage rejects are replaced.
 *   <li><b>Commit</b> the new vectors and delete those of removed items, last: a refresh interrupted earlier finds
 *       the same changes again and redoes them (every write is an idempotent MERGE).
 * </ol>
 *
 * <h2>Cost</h2>
 *
 * The judge is what a refresh must not pay in full, and what it pays is proportional to the new pairs: the whole
 * lists of new queries and the few entries new candidates win in other lists. Those come a few per query, so the
 * judge stage hands the model many queries per call and the built-in judge packs them into shared forward passes
 * ({@link org.unime.udfs.judge.JudgeModel#scoreQueries}). Everything else is Spark work over the stored tables, and
 * it is kept to one read of each table per step: the judgments of the affected queries and the stored top-k lists
 * are checkpointed once, judge and mine take the affected queries' lists and judgments from memory rather than
 * reading the tables back after their MERGEs, and joins against change-sized sets broadcast them. Step names are
 * set as Spark job descriptions ({@code refresh: judge}), so the Spark UI and event logs show where time went.
 *
 * <p>The stored lists are only valid under the settings that made them, so a refresh refuses to run when the hard
 * negatives were mined under another configuration hash (run {@code mine-all} then). A new embedder or judge version
 * needs no special case: nothing has a vector or score of that version, so everything counts as new.
 */
package org.unime.udfs.refresh;
