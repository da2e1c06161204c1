package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * flare4j-core's module boundary: the module exports every package but the {@code internal} ones,
 * and no public or protected signature of an exported package (supertypes, fields, parameters,
 * return types, exceptions, type parameters and generic arguments) mentions an internal type, which
 * a caller outside the module could not use.
 */
class EncapsulationTest {
  private static final String MODULE = "io.github.flare4j";

  @Test
  void theModuleExportsEveryPackageButTheInternalOnes() throws Exception {
    ModuleDescriptor module = descriptor();
    assertThat(module.name()).isEqualTo(MODULE);

    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports export : module.exports()) {
      assertThat(export.isQualified()).as("export of %s is qualified", export.source()).isFalse();
      exported.add(export.source());
    }
    Set<String> expected = module.packages().stream()
        .filter(name -> !isInternal(name))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(exported).isEqualTo(expected);
    assertThat(exported).noneMatch(EncapsulationTest::isInternal);
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void noExportedSignatureMentionsAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : exportedTypes()) {
      String owner = type.getName();
      check(leaks, owner + " extends", type.getGenericSuperclass());
      for (Type supertype : type.getGenericInterfaces()) {
        check(leaks, owner + " implements", supertype);
      }
      for (TypeVariable<?> variable : type.getTypeParameters()) {
        check(leaks, owner + " type parameter " + variable.getName(), variable);
      }
      for (Field field : type.getDeclaredFields()) {
        if (PublicApiTest.isApi(field.getModifiers()) && !field.isSynthetic()) {
          check(leaks, owner + "." + field.getName(), field.getGenericType());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (PublicApiTest.isApi(constructor.getModifiers()) && !constructor.isSynthetic()) {
          checkExecutable(leaks, owner + ".<init>", constructor);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (PublicApiTest.isApi(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
          String where = owner + "." + method.getName();
          checkExecutable(leaks, where, method);
          check(leaks, where + " returns", method.getGenericReturnType());
        }
      }
    }
    assertThat(leaks).as("public signatures that mention internal types").isEmpty();
  }

  private static void checkExecutable(List<String> leaks, String where, Executable executable) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(leaks, where + " parameter", parameter);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(leaks, where + " throws", thrown);
    }
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      check(leaks, where + " type parameter " + variable.getName(), variable);
    }
  }

  private static void check(List<String> leaks, String where, Type type) {
    Set<Class<?>> mentioned = new HashSet<>();
    collect(type, mentioned, new HashSet<>());
    for (Class<?> each : mentioned) {
      if (isInternal(each.getPackageName())) {
        leaks.add(where + ": " + each.getName());
      }
    }
  }

  /** Every class a type mentions, through generic arguments, bounds and array components. */
  private static void collect(Type type, Set<Class<?>> into, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    switch (type) {
      case Class<?> plain -> {
        Class<?> component = plain;
        while (component.isArray()) {
          component = component.getComponentType();
        }
        into.add(component);
      }
      case ParameterizedType parameterized -> {
        collect(parameterized.getRawType(), into, seen);
        collect(parameterized.getOwnerType(), into, seen);
        for (Type argument : parameterized.getActualTypeArguments()) {
          collect(argument, into, seen);
        }
      }
      case WildcardType wildcard -> {
        for (Type bound : wildcard.getUpperBounds()) {
          collect(bound, into, seen);
        }
        for (Type bound : wildcard.getLowerBounds()) {
          collect(bound, into, seen);
        }
      }
      case GenericArrayType array -> collect(array.getGenericComponentType(), into, seen);
      case TypeVariable<?> variable -> {
        for (Type bound : variable.getBounds()) {
          collect(bound, into, seen);
        }
      }
      default -> throw new AssertionError("unexpected kind of type " + type);
    }
  }

  /** Public types (public all the way out) of the exported packages. */
  private static List<Class<?>> exportedTypes() throws Exception {
    Set<String> exported = descriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    Path classes = classes();
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files
          .map(classes::relativize)
          .map(Path::toString)
          .filter(name -> name.endsWith(".class") && !name.equals("module-info.class"))
          .map(name -> name.substring(0, name.length() - 6).replace('/', '.'))
          .sorted()
          .toList();
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, EncapsulationTest.class.getClassLoader());
      if (exported.contains(type.getPackageName()) && PublicApiTest.isApi(type)) {
        types.add(type);
      }
    }
    assertThat(types).as("public types found in %s", classes).isNotEmpty();
    return types;
  }

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    ModuleReference reference = ModuleFinder.of(classes()).find(MODULE)
        .orElseThrow(() -> new AssertionError("no module-info.class for " + MODULE));
    return reference.descriptor();
  }

  private static Path classes() throws URISyntaxException {
    return Path.of(ChatStream.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static boolean isInternal(String packageName) {
    return packageName.equals(MODULE + ".internal") || packageName.startsWith(MODULE + ".internal.");
  }
}
