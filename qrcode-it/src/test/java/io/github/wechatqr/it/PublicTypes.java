package io.github.wechatqr.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The public types of a module, read from where its classes are (a classes directory or a jar). */
final class PublicTypes {
  private PublicTypes() {}

  /**
   * @param anchor any class of the module
   * @return every public class, record, enum and interface of the module, nested ones included when
   *     their enclosing types are public too; sorted by name
   */
  static List<Class<?>> of(Class<?> anchor) {
    try {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        return scan(location, anchor.getClassLoader());
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return scan(jar.getPath("/"), anchor.getClassLoader());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Class<?>> scan(Path root, ClassLoader loader) throws IOException {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = load(name, loader);
        if (visible(type) && !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static boolean visible(Class<?> type) {
    return Modifier.isPublic(type.getModifiers())
        && (type.getEnclosingClass() == null || visible(type.getEnclosingClass()));
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }
}
