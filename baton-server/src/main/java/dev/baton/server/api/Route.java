package dev.baton.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One method and path template such as {@code /api/v1/tasks/{id}/cancel}; segments in braces bind
 * path parameters. Matching is segment by segment, literal before parameter by registration order.
 */
record Route(String method, List<String> segments, Handler handler) {
  interface Handler {
    Reply handle(RouteRequest call) throws Exception;
  }

  static Route of(String method, String template, Handler handler) {
    return new Route(method, split(template), handler);
  }

  /** The bound parameters, or null when the path does not fit. */
  Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < path.size(); i++) {
      String segment = segments.get(i);
      if (segment.startsWith("{")) {
        params.put(segment.substring(1, segment.length() - 1), RouteRequest.decode(path.get(i)));
      } else if (!segment.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
