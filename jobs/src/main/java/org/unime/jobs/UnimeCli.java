package org.unime.jobs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;

/**
 * The fat jar's main class: {@code spark-submit ... unime-jobs-all.jar [--quick] [--conf k=v]... <command>}.
 * Each command is a thin job class; {@code demo} runs them in order.
 */
public final class UnimeCli {
  private static final Logger LOG = LoggerFactory.getLogger(UnimeCli.class);

  /** A stage entry point that works from validated settings. */
  @FunctionalInterface
  interface Command {
    void run(UnimeSettings settings, JobArgs args) throws Exception;
  }

  static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ingest", IngestJob::run);
    COMMANDS.put("embed", MineAllJob::embed);
    COMMANDS.put("retrieve", MineAllJob::retrieve);
    COMMANDS.put("judge", MineAllJob::judge);
    COMMANDS.put("mine", MineAllJob::mine);
    COMMANDS.put("mine-all", MineAllJob::run);
    COMMANDS.put("refresh", RefreshJob::run);
    COMMANDS.put("export", ExportJob::run);
    COMMANDS.put("summary", SummaryJob::run);
    COMMANDS.put("models", ModelsJob::run);
    COMMANDS.put("train", TrainJob::run);
    COMMANDS.put("evaluate", EvaluateJob::run);
    COMMANDS.put("ablation", AblationJob::run);
    COMMANDS.put("reranker", RerankerJob::runReranker);
    COMMANDS.put("rerank", RerankerJob::runRerank);
    COMMANDS.put("demo", DemoJob::run);
    COMMANDS.put("check-config", (settings, args) -> LOG.info("Configuration is valid: {}", settings));
  }

  private UnimeCli() {}

  public static void main(String[] argv) throws Exception {
    JobArgs args = JobArgs.parse(argv);
    Command command = args.command() == null ? null : COMMANDS.get(args.command());
    if (command == null) {
      throw new IllegalArgumentException(
          "Cannot run: unknown or missing command (got " + args.command() + "); expected one of "
              + COMMANDS.keySet() + " after the options " + Arrays.asList("--quick", "--profile NAME", "--conf key=value"));
    }
    UnimeSettings settings = UnimeSettings.from(args.loader().load());
    command.run(settings, args);
  }
}
