package io.github.flare4j.provider;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where flare4j keeps its auth files. In order: the folder given explicitly (the CLI's
 * {@code --cache-dir}), else {@code FLARE4J_CACHE_DIR}, else {@code $XDG_CACHE_HOME/flare4j},
 * else {@code ~/.cache/flare4j}.
 */
public final class CacheDirectory {
  /** The environment variable that names the cache folder. */
  public static final String ENV = "FLARE4J_CACHE_DIR";

  private CacheDirectory() {}

  /** The cache folder, from the process environment. */
  public static Path resolve(Path explicit) {
    return resolve(explicit, System.getenv(), System.getProperty("user.home"));
  }

  /** The cache folder, from the given environment and home folder. */
  public static Path resolve(Path explicit, Map<String, String> env, String userHome) {
    if (explicit != null) {
      return explicit;
    }
    String own = env.get(ENV);
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "flare4j");
    }
    return Path.of(userHome, ".cache", "flare4j");
  }
}
