package org.unime.tests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the standalone master's {@code /json/} page: its status, the registered workers with their cores
 * and custom resources (GPUs), and the applications. {@link #raw()} keeps the whole document for anything else.
 *
 * @param status {@code ALIVE} once the master leads
 * @param aliveWorkers how many workers are registered and alive
 * @param workers every worker the master knows, dead ones included
 * @param activeApps running applications
 * @param completedApps finished applications
 * @param raw the parsed JSON
 */
public record MasterState(
    String status, int aliveWorkers, List<Worker> workers, List<App> activeApps, List<App> completedApps, JsonNode raw) {

  /**
   * One worker as the master sees it.
   *
   * @param id e.g. {@code worker-20261128065240-127.0.0.1-36091}
   * @param state {@code ALIVE}, {@code DEAD}, ...
   * @param cores cores offered
   * @param coresUsed cores held by executors
   * @param resources custom resources offered: name to addresses (e.g. {@code gpu -> [0]})
   * @param resourcesUsed custom resource addresses held by executors
   */
  public record Worker(
      String id, String state, int cores, int coresUsed, Map<String, List<String>> resources,
      Map<String, List<String>> resourcesUsed) {}

  /**
   * One application.
   *
   * @param id e.g. {@code app-20261128065901-0000}
   * @param name the application name
   * @param state {@code RUNNING}, {@code FINISHED}, ...
   */
  public record App(String id, String name, String state) {}

  static MasterState parse(JsonNode json) {
    List<Worker> workers = new ArrayList<>();
    for (JsonNode w : json.path("workers")) {
      workers.add(
          new Worker(
              w.path("id").asText(), w.path("state").asText(), w.path("cores").asInt(), w.path("coresused").asInt(),
              resources(w.path("resources")), resources(w.path("resourcesused"))));
    }
    return new MasterState(
        json.path("status").asText(), json.path("aliveworkers").asInt(), List.copyOf(workers),
        apps(json.path("activeapps")), apps(json.path("completedapps")), json);
  }

  private static Map<String, List<String>> resources(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      List<String> addresses = new ArrayList<>();
      e.getValue().path("addresses").forEach(a -> addresses.add(a.asText()));
      out.put(e.getKey(), List.copyOf(addresses));
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  private static List<App> apps(JsonNode node) {
    List<App> out = new ArrayList<>();
    node.forEach(a -> out.add(new App(a.path("id").asText(), a.path("name").asText(), a.path("state").asText())));
    return List.copyOf(out);
  }
}
