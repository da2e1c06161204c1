package io.github.flare4j.internal.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a provider's alias table, keeping the order it is written in. */
public final class Aliases {
  private Aliases() {}

  /**
   * An unmodifiable map from {@code alias, modelId, alias, modelId, ...}.
   *
   * @throws IllegalArgumentException when the pairs do not pair up or an alias repeats
   */
  public static Map<String, String> of(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("aliases come in pairs: alias, model id");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (map.put(pairs[i], pairs[i + 1]) != null) {
        throw new IllegalArgumentException("alias listed twice: " + pairs[i]);
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
