package org.unime.udfs.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything needed to continue a {@link TrainingLoop} exactly where it stopped: the weights, the AdamW moments and
 * step count, the number of completed steps, the data position (epoch, batch within it) and the data-order RNG
 * state at the start of that epoch. Resuming from a checkpoint gives the same weights as never stopping (tested).
 *
 * <p>On disk a checkpoint is a directory: {@code weights.bin}, {@code adam-m.bin}, {@code adam-v.bin}
 * ({@link ParameterSnapshot} format) and {@code state.properties}. {@link #write} replaces the directory atomically
 * (write to a sibling, then rename), so a crash mid-write leaves the previous checkpoint intact.
 *
 * @param step completed optimizer steps
 * @param epoch epoch of the next batch
 * @param batchInEpoch index of the next batch within its epoch
 * @param epochRngState data-order RNG state at the start of {@code epoch}
 * @param exampleCount number of examples of the task (a resumed task must have the same)
 * @param configFingerprint the training settings (a resumed loop must use the same)
 * @param weights the block's parameters
 * @param optimizer AdamW state
 */
public record Checkpoint(
    int step,
    int epoch,
    int batchInEpoch,
    long epochRngState,
    int exampleCount,
    String configFingerprint,
    ParameterSnapshot weights,
    AdamW.State optimizer)
    implements Serializable {

  private static final String STATE = "state.properties";

  /** Writes this checkpoint to {@code dir}, replacing any checkpoint there. */
  public void write(Path dir) throws IOException {
    Path staging = dir.resolveSibling(dir.getFileName() + ".tmp-" + UUID.randomUUID());
    Files.createDirectories(staging);
    writeSnapshot(staging.resolve("weights.bin"), weights);
    writeSnapshot(staging.resolve("adam-m.bin"), optimizer.firstMoments());
    writeSnapshot(staging.resolve("adam-v.bin"), optimizer.secondMoments());
    Properties p = new Properties();
    p.setProperty("step", Integer.toString(step));
    p.setProperty("epoch", Integer.toString(epoch));
    p.setProperty("batch-in-epoch", Integer.toString(batchInEpoch));
    p.setProperty("epoch-rng-state", Long.toString(epochRngState));
    p.setProperty("example-count", Integer.toString(exampleCount));
    p.setProperty("config", configFingerprint);
    p.setProperty("adam-step", Integer.toString(optimizer.step()));
    try (OutputStream out = Files.newOutputStream(staging.resolve(STATE))) {
      p.store(out, "UniME-V2 training checkpoint");
    }
    Path old = null;
    if (Files.exists(dir)) {
      old = dir.resolveSibling(dir.getFileName() + ".old-" + UUID.randomUUID());
      Files.move(dir, old);
    }
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** Reads a checkpoint written by {@link #write}. */
  public static Checkpoint read(Path dir) throws IOException {
    Path stateFile = dir.resolve(STATE);
    if (!Files.isRegularFile(stateFile)) {
      throw new IOException("Cannot read checkpoint " + dir + ": no " + STATE);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(stateFile)) {
      p.load(in);
    }
    AdamW.State optimizer =
        new AdamW.State(
            Integer.parseInt(p.getProperty("adam-step")),
            readSnapshot(dir.resolve("adam-m.bin")),
            readSnapshot(dir.resolve("adam-v.bin")));
    return new Checkpoint(
        Integer.parseInt(p.getProperty("step")),
        Integer.parseInt(p.getProperty("epoch")),
        Integer.parseInt(p.getProperty("batch-in-epoch")),
        Long.parseLong(p.getProperty("epoch-rng-state")),
        Integer.parseInt(p.getProperty("example-count")),
        p.getProperty("config"),
        readSnapshot(dir.resolve("weights.bin")),
        optimizer);
  }

  /** Whether {@code dir} holds a checkpoint. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(STATE));
  }

  private static void writeSnapshot(Path file, ParameterSnapshot snapshot) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      snapshot.write(out);
    }
  }

  private static ParameterSnapshot readSnapshot(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return ParameterSnapshot.read(in);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
