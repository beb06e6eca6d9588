package org.unime.pipeline.interchange;

import java.util.List;
import java.util.Map;

/**
 * One source row in the shape both interchange formats share: a query, its positive and further candidates to
 * import (the mined negatives; none for MMEB-train).
 *
 * @param locator where the row is in the source, for reject details (e.g. {@code record 12}, {@code line 7})
 * @param provenance metadata put on the query and on candidates first seen in this row (e.g. record_index)
 * @param query the query's raw text and relative image path
 * @param positive the positive candidate
 * @param others further candidates, imported but not positives of this query
 * @param queryExtras metadata put on the query only
 */
record QueryRow(
    String locator,
    Map<String, String> provenance,
    Candidate query,
    Candidate positive,
    List<Candidate> others,
    Map<String, String> queryExtras) {

  QueryRow {
    provenance = Map.copyOf(provenance);
    others = List.copyOf(others);
    queryExtras = Map.copyOf(queryExtras);
  }
}
