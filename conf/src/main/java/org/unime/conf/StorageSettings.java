package org.unime.conf;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the pipeline's Delta tables live.
 *
 * @param root folder (local, hdfs://, s3a://) under which each table has its own folder
 * @param tables folder name of each table, keyed by its config name ({@code candidates}, {@code hard-negatives}...)
 */
public record StorageSettings(String root, Map<String, String> tables) implements Serializable {

  public StorageSettings {
    tables = Map.copyOf(tables);
  }

  static StorageSettings from(ConfigReader reader) {
    String root = reader.string("unime.storage.root");
    if (root.isBlank()) {
      reader.problem("unime.storage.root", root, "must name a folder");
    }
    Map<String, String> tables = new TreeMap<>(reader.stringMap("unime.storage.tables"));
    tables.forEach(
        (name, folder) -> {
          if (folder.isBlank() || folder.contains("/")) {
            reader.problem("unime.storage.tables." + name, folder, "must be a plain, non-empty folder name");
          }
        });
    return new StorageSettings(root, tables);
  }

  public String candidatesTable() {
    return table("candidates");
  }

  public String queriesTable() {
    return table("queries");
  }

  public String rejectsTable() {
    return table("rejects");
  }

  public String candidatesPath() {
    return path(candidatesTable());
  }

  public String queriesPath() {
    return path(queriesTable());
  }

  public String rejectsPath() {
    return path(rejectsTable());
  }

  /** The path of a table by its config name, e.g. {@code tablePath("hard-negatives")}. */
  public String tablePath(String name) {
    return path(table(name));
  }

  /** The folder name of a table by its config name. */
  public String table(String name) {
    String folder = tables.get(name);
    if (folder == null) {
      throw new IllegalArgumentException(
          "Cannot find table: unime.storage.tables has no entry " + name + " (got " + tables.keySet() + ")");
    }
    return folder;
  }

  /** The path of a folder under the root. */
  public String path(String folder) {
    return root.endsWith("/") ? root + folder : root + "/" + folder;
  }
}
