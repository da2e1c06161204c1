package io.github.flare4j.internal.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Finds known model names close to a mistyped one, for error messages. */
public final class ModelNames {
  private ModelNames() {}

  /** Up to {@code limit} names from {@code known} that look like {@code wanted}, best first. */
  public static List<String> closeMatches(String wanted, List<String> known, int limit) {
    return ranked(wanted, known, limit, true);
  }

  /**
   * The {@code limit} names from {@code known} closest to {@code wanted}, best first, however far
   * they are: for a name that was right once (a retired model) rather than mistyped.
   */
  public static List<String> nearest(String wanted, List<String> known, int limit) {
    return ranked(wanted, known, limit, false);
  }

  private static List<String> ranked(
      String wanted, List<String> known, int limit, boolean closeOnly) {
    String key = simplify(wanted);
    record Scored(String name, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (String name : new LinkedHashSet<>(known)) {
      String candidate = simplify(name);
      int distance = distance(key, candidate);
      boolean contains = !key.isEmpty() && (candidate.contains(key) || key.contains(candidate));
      int tolerance = Math.max(2, key.length() / 4);
      if (contains || distance <= tolerance || !closeOnly) {
        scored.add(new Scored(name, contains ? Math.min(distance, 1) : distance));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
    return scored.stream().limit(limit).map(Scored::name).toList();
  }

  /** The last path segment, lower-cased: {@code @cf/meta/Llama-3} gives {@code llama-3}. */
  private static String simplify(String name) {
    return name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
