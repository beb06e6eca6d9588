package org.unime.conf;

import java.io.Serializable;

/**
 * Where the pipeline's Delta tables live.
 *
 * @param root folder (local, hdfs://, s3a://) under which each table has its own folder
 * @param candidatesTable folder name of the candidates table
 * @param queriesTable folder name of the queries table
 * @param rejectsTable folder name of the rejects table
 */
public record StorageSettings(String root, String candidatesTable, String queriesTable, String rejectsTable)
    implements Serializable {

  static StorageSettings from(ConfigReader reader) {
    String root = reader.string("unime.storage.root");
    if (root.isBlank()) {
      reader.problem("unime.storage.root", root, "must name a folder");
    }
    return new StorageSettings(
        root,
        tableName(reader, "candidates"),
        tableName(reader, "queries"),
        tableName(reader, "rejects"));
  }

  private static String tableName(ConfigReader reader, String table) {
    String key = "unime.storage.tables." + table;
    String name = reader.string(key);
    if (name.isBlank() || name.contains("/")) {
      reader.problem(key, name, "must be a plain, non-empty folder name");
    }
    return name;
  }

  public String candidatesPath() {
    return path(candidatesTable);
  }

  public String queriesPath() {
    return path(queriesTable);
  }

  public String rejectsPath() {
    return path(rejectsTable);
  }

  /** The path of any table under the root (later stages add their own tables). */
  public String path(String table) {
    return root.endsWith("/") ? root + table : root + "/" + table;
  }
}
