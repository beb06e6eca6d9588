package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The judge prompt of spec section 3, split at the point where candidates differ.
 *
 * <p>The instruction is the paper's, verbatim (ASCII quotes for the typographic ones in the PDF):
 *
 * <pre>{@code
 * I will provide you with a query and a candidate. Please evaluate whether the candidate meets the requirements of
 * the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'. Query:<Query>, Candidates:<Candidate>.
 * }</pre>
 *
 * <p>Content order follows the reference reranker's message builder ({@code construct_rerank_messages}): instruction,
 * {@code Query:}, query image, query text, {@code Candidates:}, candidate image, candidate text. The {@link #prefix}
 * segments (everything up to and including {@code ", Candidates:"}) are the same for all of a query's candidates and
 * are encoded once; the {@link #suffix} segments are per candidate. Texts lose the Phi-3-V placeholder
 * {@code <|image_1|>}; a text that is empty afterwards is left out.
 */
public final class JudgePrompt {
  /** The paper's judge instruction. */
  public static final String INSTRUCTION =
      "I will provide you with a query and a candidate. Please evaluate whether the candidate meets the requirements"
          + " of the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'.";
  /** Text between the instruction and the query. */
  public static final String QUERY_LABEL = " Query:";
  /** Text between the query and the candidate. */
  public static final String CANDIDATE_LABEL = ", Candidates:";
  /** Text after the candidate. */
  public static final String END = ".";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\s*<\\|image_1\\|>\\s*");

  /** One piece of the prompt: a text to tokenise or an image to turn into image tokens. */
  public sealed interface Segment {}

  /** Fixed prompt text, tokenised on its own (segment boundaries are token boundaries). */
  public record Text(String text) implements Segment {}

  /** Text that came from a query or candidate; the only kind a length limit may cut. */
  public record ItemText(String text) implements Segment {}

  /** An image, encoded bytes as stored. */
  public record Image(byte[] png) implements Segment {}

  private JudgePrompt() {}

  /** Instruction and query: {@code [INSTRUCTION + " Query:", image?, text?, ", Candidates:"]}. */
  public static List<Segment> prefix(JudgeItem query) {
    List<Segment> out = new ArrayList<>(4);
    out.add(new Text(INSTRUCTION + QUERY_LABEL));
    addItem(query, out);
    out.add(new Text(CANDIDATE_LABEL));
    return out;
  }

  /** Candidate: {@code [image?, text?, "."]}. The answer position follows it. */
  public static List<Segment> suffix(JudgeItem candidate) {
    List<Segment> out = new ArrayList<>(3);
    addItem(candidate, out);
    out.add(new Text(END));
    return out;
  }

  /** The whole prompt as one string, images shown as {@code <image>}: for logs and documentation. */
  public static String render(JudgeItem query, JudgeItem candidate) {
    StringBuilder sb = new StringBuilder();
    List<Segment> all = new ArrayList<>(prefix(query));
    all.addAll(suffix(candidate));
    for (Segment s : all) {
      sb.append(textOf(s));
    }
    return sb.toString();
  }

  /** Removes every {@code <|image_1|>} with the whitespace around it, keeping one space between words. */
  public static String stripImagePlaceholder(String text) {
    if (!text.contains("<|image_1|>")) {
      return text;
    }
    return PLACEHOLDER.matcher(text).replaceAll(" ").strip();
  }

  /** The text a segment stands for, images as {@code <image>}. */
  public static String textOf(Segment s) {
    if (s instanceof Text t) {
      return t.text();
    }
    return s instanceof ItemText t ? t.text() : "<image>";
  }

  private static void addItem(JudgeItem item, List<Segment> out) {
    if (item.png() != null) {
      out.add(new Image(item.png()));
    }
    if (item.text() != null) {
      String text = stripImagePlaceholder(item.text());
      if (!text.isEmpty()) {
        out.add(new ItemText(text));
      }
    }
  }
}
