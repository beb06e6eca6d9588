package org.unime.pipeline.rerank;

import java.io.Serializable;

/**
 * The three training examples of one query, in the reference batch's category order.
 *
 * @param positivePair (query, positive), target Yes
 * @param negativePair (query, chosen hardest negative), target No
 * @param list the chosen negatives with the positive inserted, target its position
 */
public record QueryExamples(PairExample positivePair, PairExample negativePair, ListExample list)
    implements Serializable {}
