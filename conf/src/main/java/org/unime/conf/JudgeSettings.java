package org.unime.conf;

import java.io.Serializable;

/**
 * How the judge stage runs the MLLM judge.
 *
 * @param uri the judge artifact
 * @param batchSize candidates per forward pass against one cached query prefix
 * @param partitions Spark partitions the pairs are grouped into (by query)
 */
public record JudgeSettings(String uri, int batchSize, int partitions) implements Serializable {

  static JudgeSettings from(ConfigReader r) {
    return new JudgeSettings(
        r.string("unime.judge.uri"),
        r.intAtLeast("unime.judge.batch-size", 1),
        r.intAtLeast("unime.judge.partitions", 1));
  }
}
