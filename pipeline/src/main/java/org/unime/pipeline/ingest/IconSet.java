package org.unime.pipeline.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * The icon sets {@link IconSourceReader} understands, with the layout of their npm packages. Styles are the drawing
 * variants shipped as separate SVG trees; MDI ships one, named {@code default} here.
 */
public enum IconSet {
  /** {@code @tabler/icons}: {@code icons.json}, SVGs at {@code icons/<style>/<name>.svg}. */
  TABLER("tabler", "@tabler/icons", "icons.json", List.of("outline", "filled")),
  /** {@code @mdi/svg}: {@code meta.json}, SVGs at {@code svg/<name>.svg}. */
  MDI("mdi", "@mdi/svg", "meta.json", List.of("default"));

  private final String wireName;
  private final String packageName;
  private final String metadataFile;
  private final List<String> styles;

  IconSet(String wireName, String packageName, String metadataFile, List<String> styles) {
    this.wireName = wireName;
    this.packageName = packageName;
    this.metadataFile = metadataFile;
    this.styles = styles;
  }

  /** The dataset name and id prefix. */
  public String wireName() {
    return wireName;
  }

  /** Every style the set ships, in planning order. */
  public List<String> styles() {
    return styles;
  }

  Path packageDir(Path nodeModules) {
    return nodeModules.resolve(packageName);
  }

  Path metadataPath(Path nodeModules) {
    return packageDir(nodeModules).resolve(metadataFile);
  }

  Path svgPath(Path nodeModules, String style, String name) {
    Path dir = packageDir(nodeModules);
    return this == TABLER
        ? dir.resolve("icons").resolve(style).resolve(name + ".svg")
        : dir.resolve("svg").resolve(name + ".svg");
  }
}
