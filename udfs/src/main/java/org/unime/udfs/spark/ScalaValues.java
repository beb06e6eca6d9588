package org.unime.udfs.spark;

import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/** External Row values must be Scala collections for Spark's Row encoder; these convert at the boundary. */
public final class ScalaValues {
  private ScalaValues() {}

  public static scala.collection.immutable.Seq<String> seq(List<String> list) {
    return CollectionConverters.asScala(list).toList();
  }

  public static scala.collection.immutable.Map<String, String> map(Map<String, String> map) {
    return scala.collection.immutable.Map.from(CollectionConverters.asScala(map));
  }

  /** Reads an array field of a Row as a Java list, whatever collection the row holds. */
  public static List<String> list(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    @SuppressWarnings("unchecked")
    scala.collection.Seq<String> seq = (scala.collection.Seq<String>) value;
    return List.copyOf(CollectionConverters.asJava(seq));
  }
}
