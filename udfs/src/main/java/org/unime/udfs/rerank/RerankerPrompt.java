package org.unime.udfs.rerank;

import java.util.ArrayList;
import java.util.List;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.JudgePrompt;

/**
 * The reranker's two prompts (spec §6), as segments for the judge's encoder.
 *
 * <p>Content order is the reference's message builder: instruction, {@code Query:}, query image, query text, then
 * {@code Candidate:} and the candidate (pairwise) or {@code Candidates:} and per candidate {@code (i)}, its image,
 * its text (listwise). Unlike the released training code (which looks texts up under {@code txt} while the dataset
 * stores them under {@code text}, so no text reached its prompts) query and candidate texts are included, as in its
 * eval code. Texts lose the {@code <|image_1|>} placeholder.
 *
 * <p>Pairwise instruction: the training code spells the second verb "responed"; the eval code and the paper's
 * supplement spell it "respond", and since a trained model is run with the eval prompt we train with that one. It is
 * then the judge's instruction word for word.
 */
public final class RerankerPrompt {
  /** Spec §6, pairwise (with "respond", see the class comment). */
  public static final String PAIRWISE_INSTRUCTION =
      "I will provide you with a query and a candidate. Please evaluate whether the candidate meets the requirements"
          + " of the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'.";
  /** Spec §6, listwise (the same in the reference's training and eval code). */
  public static final String LISTWISE_INSTRUCTION =
      "I will provide you with a query followed by multiple candidates in the format: (1) cand1 (2) cand2, etc. Each"
          + " candidate is independent of the others. Evaluate each candidate against the query, and respond with the"
          + " number corresponding to the candidate that best meets the requirements of the query.";
  static final String QUERY_LABEL = " Query:";
  static final String CANDIDATE_LABEL = " Candidate:";
  static final String CANDIDATES_LABEL = " Candidates:";
  static final String END = ".";
  /**
   * Closes a list candidate. It has no tokens; it exists because the encoder puts an item's embedder position
   * before the last fixed segment, and here that should be after the candidate's own image and text.
   */
  static final String NOTHING = "";

  private RerankerPrompt() {}

  /** Pairwise query side: {@code [instruction + " Query:", image?, text?, " Candidate:"]}. */
  public static List<JudgePrompt.Segment> pairQuery(JudgeItem query) {
    return framed(PAIRWISE_INSTRUCTION + QUERY_LABEL, query, CANDIDATE_LABEL);
  }

  /** Pairwise candidate side: {@code [image?, text?, "."]}; the answer position follows. */
  public static List<JudgePrompt.Segment> pairCandidate(JudgeItem candidate) {
    List<JudgePrompt.Segment> out = new ArrayList<>(itemSegments(candidate));
    out.add(new JudgePrompt.Text(END));
    return out;
  }

  /** Listwise query side: {@code [instruction + " Query:", image?, text?, " Candidates:"]}. */
  public static List<JudgePrompt.Segment> listQuery(JudgeItem query) {
    return framed(LISTWISE_INSTRUCTION + QUERY_LABEL, query, CANDIDATES_LABEL);
  }

  /** Listwise candidate {@code position} (1-based): {@code [" (i) ", image?, text?, ""]}. */
  public static List<JudgePrompt.Segment> listCandidate(int position, JudgeItem candidate) {
    List<JudgePrompt.Segment> out = new ArrayList<>(4);
    out.add(new JudgePrompt.Text(marker(position)));
    out.addAll(itemSegments(candidate));
    out.add(new JudgePrompt.Text(NOTHING));
    return out;
  }

  /** The label that introduces list candidate {@code position}: the reference's {@code f"({i}) "}. */
  public static String marker(int position) {
    return " (" + position + ") ";
  }

  /** Every fixed text the prompts use with up to {@code maxCandidates} candidates (for the vocabulary). */
  public static List<String> fixedTexts(int maxCandidates) {
    List<String> out = new ArrayList<>(List.of(PAIRWISE_INSTRUCTION + QUERY_LABEL, LISTWISE_INSTRUCTION + QUERY_LABEL,
        CANDIDATE_LABEL, CANDIDATES_LABEL, END));
    for (int i = 1; i <= maxCandidates; i++) {
      out.add(marker(i));
    }
    return out;
  }

  /** The listwise prompt as one string, images as {@code <image>}: for logs and documentation. */
  public static String renderList(JudgeItem query, List<JudgeItem> candidates) {
    List<JudgePrompt.Segment> all = new ArrayList<>(listQuery(query));
    for (int i = 0; i < candidates.size(); i++) {
      all.addAll(listCandidate(i + 1, candidates.get(i)));
    }
    return render(all);
  }

  /** The pairwise prompt as one string. */
  public static String renderPair(JudgeItem query, JudgeItem candidate) {
    List<JudgePrompt.Segment> all = new ArrayList<>(pairQuery(query));
    all.addAll(pairCandidate(candidate));
    return render(all);
  }

  private static String render(List<JudgePrompt.Segment> segments) {
    StringBuilder sb = new StringBuilder();
    for (JudgePrompt.Segment s : segments) {
      sb.append(JudgePrompt.textOf(s));
    }
    return sb.toString();
  }

  private static List<JudgePrompt.Segment> framed(String opening, JudgeItem item, String closing) {
    List<JudgePrompt.Segment> out = new ArrayList<>(4);
    out.add(new JudgePrompt.Text(opening));
    out.addAll(itemSegments(item));
    out.add(new JudgePrompt.Text(closing));
    return out;
  }

  private static List<JudgePrompt.Segment> itemSegments(JudgeItem item) {
    List<JudgePrompt.Segment> out = new ArrayList<>(2);
    if (item.png() != null) {
      out.add(new JudgePrompt.Image(item.png()));
    }
    if (item.text() != null) {
      String text = JudgePrompt.stripImagePlaceholder(item.text());
      if (!text.isEmpty()) {
        out.add(new JudgePrompt.ItemText(text));
      }
    }
    return out;
  }
}
