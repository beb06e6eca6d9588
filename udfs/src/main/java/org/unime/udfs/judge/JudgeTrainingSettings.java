package org.unime.udfs.judge;

import java.io.Serializable;

/**
 * How the built-in judge is trained (proposed config block {@code unime.judge.training}; see docs/judge.md). Every
 * value is required: defaults live in {@code reference.conf}, not here.
 *
 * @param architecture network shape; its vocab-size is replaced by the size of the vocabulary built from the
 *     training texts
 * @param steps optimizer steps
 * @param groupsPerStep training groups per step; a group is one query with {@code groupSize} candidates
 * @param groupSize candidates per group: the positive, up to {@code maxNearVariants} near variants, random negatives
 * @param maxNearVariants near variants per group at most (drawn per step when there are more)
 * @param learningRate peak AdamW learning rate
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW decoupled weight decay (matrices only)
 * @param maxGradNorm global gradient-norm clip (0 = off)
 * @param listwiseWeight weight of the listwise term (softmax over the group's Yes-No margins, positive first) added
 *     to the balanced pointwise Yes/No cross-entropy
 * @param maxTrainGroups cap on (query, positive) groups drawn from the training split (0 = all)
 * @param nearVariantShare share of training groups whose positive has near variants; such groups are repeated up to
 *     it when the data has fewer (0 = natural share). They carry the fine-grained signal the judge is for.
 * @param seed seeds initialisation, group sampling, data order and negative draws
 * @param logEvery progress line interval in steps
 */
public record JudgeTrainingSettings(
    MiniJudgeConfig architecture,
    int steps,
    int groupsPerStep,
    int groupSize,
    int maxNearVariants,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    double maxGradNorm,
    double listwiseWeight,
    int maxTrainGroups,
    double nearVariantShare,
    long seed,
    int logEvery)
    implements Serializable {

  public JudgeTrainingSettings {
    require(architecture != null, "the architecture is required", "null");
    require(steps >= 1 && groupsPerStep >= 1, "steps and groups-per-step must be >= 1", steps + ", " + groupsPerStep);
    require(groupSize >= 2, "group-size must be >= 2 (a positive and a negative)", String.valueOf(groupSize));
    require(maxNearVariants >= 0 && maxNearVariants < groupSize,
        "max-near-variants must be in [0, group-size)", String.valueOf(maxNearVariants));
    require(listwiseWeight >= 0, "listwise-weight must be >= 0", String.valueOf(listwiseWeight));
    require(maxTrainGroups >= 0, "max-train-groups must be >= 0 (0 = all)", String.valueOf(maxTrainGroups));
    require(nearVariantShare >= 0 && nearVariantShare < 1, "near-variant-share must be in [0, 1)",
        String.valueOf(nearVariantShare));
  }

  private static void require(boolean ok, String what, String got) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot configure judge training: " + what + " (got " + got + ")");
    }
  }
}
