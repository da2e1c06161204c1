package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps a dump of flare4j-core's public API in {@code api/flare4j-core.api}, as OkHttp does, so
 * that every change to it shows up in review. After a deliberate change, regenerate the dump:
 * {@code ./mvnw -B -q -pl flare4j-core test -Dtest=PublicApiTest -Dflare4j.updateApi=true}.
 */
class PublicApiTest {
  private static final Path DUMP = Path.of("api", "flare4j-core.api");

  @Test
  void publicApiMatchesTheCommittedDump() throws Exception {
    String actual = String.join("\n", describeApi()) + "\n";
    if (Boolean.getBoolean("flare4j.updateApi")) {
      Files.createDirectories(DUMP.getParent());
      Files.writeString(DUMP, actual, StandardCharsets.UTF_8);
    }
    assertThat(DUMP).as("the committed API dump; regenerate it as the class comment says").exists();
    assertThat(actual)
        .as("flare4j-core's public API changed: check the change, then regenerate %s", DUMP)
        .isEqualTo(Files.readString(DUMP, StandardCharsets.UTF_8));
  }

  /** Every public type outside {@code internal} packages, with its public and protected members. */
  private static List<String> describeApi() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path classes = Path.of(ChatStream.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files
          .map(classes::relativize)
          .map(Path::toString)
          .filter(name -> name.endsWith(".class") && !name.contains("internal")
              && !name.equals("module-info.class"))
          .map(name -> name.substring(0, name.length() - 6).replace('/', '.'))
          .sorted()
          .toList();
    }
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
      if (!isApi(type)) {
        continue;
      }
      lines.add(type.toGenericString());
      List<String> members = new ArrayList<>();
      for (Field field : type.getDeclaredFields()) {
        if (isApi(field.getModifiers()) && !field.isSynthetic()) {
          members.add("  " + field.toGenericString());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (isApi(constructor.getModifiers()) && !constructor.isSynthetic()) {
          members.add("  " + constructor.toGenericString());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (isApi(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
          members.add("  " + method.toGenericString());
        }
      }
      members.sort(null);
      lines.addAll(members);
      lines.add("");
    }
    return lines;
  }

  /** Whether {@code type} and every class that encloses it are public (shared with EncapsulationTest). */
  static boolean isApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }

  /** Whether a member with {@code modifiers} is part of the API: public or protected. */
  static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
