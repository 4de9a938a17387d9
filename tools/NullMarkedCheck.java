import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Fails when a package of a published module other than {@code qrcode-domain} is not annotated
 * {@code @org.jspecify.annotations.NullMarked} in its {@code package-info.java}, or when the domain names
 * JSpecify at all.
 *
 * <p>The domain depends on nothing beyond the JDK (docs/design.md, "Nullness"), so its null-marking is a
 * convention; every other published package says it with the annotation. A module is published unless its
 * pom sets {@code publish.skip} to true, the same switch tools/ApiDocCheck.java reads, so a new module is
 * covered without touching this check. The parent pom runs it once, at {@code validate}, as
 * {@code java tools/NullMarkedCheck.java <root>}; it parses only, so it needs no class path.
 */
public final class NullMarkedCheck {

  private static final String DOMAIN = "qrcode-domain";
  private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length == 0 ? "." : args[0]);
    List<String> problems = new ArrayList<>();
    List<Path> infos = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path pom = module.resolve("pom.xml");
        Path main = module.resolve("src/main/java");
        if (!Files.isRegularFile(pom) || !Files.isDirectory(main)
            || Files.readString(pom).contains("<publish.skip>true</publish.skip>")) {
          continue;
        }
        if (module.getFileName().toString().equals(DOMAIN)) {
          requireNoJSpecify(main, problems);
          continue;
        }
        for (Path dir : packagesOf(main)) {
          Path info = dir.resolve("package-info.java");
          if (Files.isRegularFile(info)) {
            infos.add(info);
          } else {
            problems.add(dir + ": no package-info.java (it must be annotated @NullMarked)");
          }
        }
      }
    }
    if (!infos.isEmpty()) {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
        Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(infos);
        JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
        for (CompilationUnitTree unit : task.parse()) {
          if (unit.getPackage() == null || !nullMarked(unit)) {
            problems.add(unit.getSourceFile().getName() + ": package not annotated @NullMarked");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      System.err.println(problems.size() + " nullness problem(s) in the published packages.");
      System.exit(1);
    }
  }

  /** Every directory that holds a Java source, i.e. every package of the module. */
  private static Set<Path> packagesOf(Path main) throws IOException {
    Set<Path> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(main)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> packages.add(p.getParent()));
    }
    return packages;
  }

  /** The annotation by its simple name with the import, or by its qualified name. */
  private static boolean nullMarked(CompilationUnitTree unit) {
    boolean imported = unit.getImports().stream().map(ImportTree::getQualifiedIdentifier)
        .map(Object::toString).anyMatch(NULL_MARKED::equals);
    for (AnnotationTree annotation : unit.getPackage().getAnnotations()) {
      String name = annotation.getAnnotationType().toString();
      if (name.equals(NULL_MARKED) || (imported && name.equals("NullMarked"))) {
        return true;
      }
    }
    return false;
  }

  /** The domain is pure Java: no JSpecify import or annotation in any of its sources. */
  private static void requireNoJSpecify(Path main, List<String> problems) throws IOException {
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (Files.readString(file).contains("org.jspecify")) {
          problems.add(file + ": the domain names JSpecify; it depends on nothing beyond the JDK");
        }
      }
    }
  }
}
