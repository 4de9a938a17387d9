import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Fails when a public type, or a public or protected constructor or method of one, has no javadoc summary
 * sentence (a comment that holds only {@code @return} or {@code @param} lines counts as none).
 *
 * <p>javadoc's doclint runs with {@code -missing}: on Java 17 its {@code missing} group asks for every
 * {@code @param} and {@code @return} yet accepts a comment with no summary at all, the opposite of what the
 * house asks. This check asks for the summary only. A method marked {@code @Override} inherits its
 * comment and is skipped.
 *
 * <p>Checks {@code src/main/java} of every module under the given root (default: the working directory)
 * except those that set {@code publish.skip} to true. The parent pom runs it once, at {@code validate}, as
 * {@code java tools/ApiDocCheck.java <root>}; it parses only, so it needs no class path and takes seconds.
 */
public final class ApiDocCheck {

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length == 0 ? "." : args[0]);
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path pom = module.resolve("pom.xml");
        Path main = module.resolve("src/main/java");
        // The same switch that skips the javadoc jar: a module never published has no public API.
        if (!Files.isRegularFile(pom) || !Files.isDirectory(main)
            || Files.readString(pom).contains("<publish.skip>true</publish.skip>")) {
          continue;
        }
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
        }
      }
    }
    if (sources.isEmpty()) {
      return;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> problems = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        new Scanner(docs, unit, problems).scan(unit, null);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      System.err.println(problems.size() + " public API element(s) without a javadoc summary sentence.");
      System.exit(1);
    }
  }

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final DocTrees docs;
    private final CompilationUnitTree unit;
    private final List<String> problems;

    Scanner(DocTrees docs, CompilationUnitTree unit, List<String> problems) {
      this.docs = docs;
      this.unit = unit;
      this.problems = problems;
    }

    @Override
    public Void visitClass(ClassTree type, Void unused) {
      if (!visible(type.getModifiers(), getCurrentPath())) {
        return null; // nothing inside a hidden type is API
      }
      require(type.getSimpleName().toString());
      return super.visitClass(type, unused);
    }

    @Override
    public Void visitMethod(MethodTree method, Void unused) {
      boolean overrides = method.getModifiers().getAnnotations().stream()
          .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
      if (!overrides && visible(method.getModifiers(), getCurrentPath())) {
        require(method.getName().contentEquals("<init>") ? "constructor" : method.getName() + "()");
      }
      return null; // local and anonymous classes are not API
    }

    @Override
    public Void visitVariable(com.sun.source.tree.VariableTree variable, Void unused) {
      return null; // fields are out of scope; anonymous classes in initializers are not API
    }

    private void require(String name) {
      DocCommentTree comment = docs.getDocCommentTree(getCurrentPath());
      if (comment == null || comment.getFirstSentence().isEmpty()) {
        long line = unit.getLineMap().getLineNumber(docs.getSourcePositions()
            .getStartPosition(unit, getCurrentPath().getLeaf()));
        problems.add(unit.getSourceFile().getName() + ":" + line + ": " + name
            + (comment == null ? ": no javadoc" : ": javadoc has no summary sentence"));
      }
    }

    /** Whether the element and every type around it can be seen from another package. */
    private static boolean visible(ModifiersTree modifiers, TreePath path) {
      Tree parent = path.getParentPath().getLeaf();
      boolean inInterface = parent instanceof ClassTree owner
          && (owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE);
      boolean own = modifiers.getFlags().contains(Modifier.PUBLIC)
          || modifiers.getFlags().contains(Modifier.PROTECTED)
          || (inInterface && !modifiers.getFlags().contains(Modifier.PRIVATE));
      if (!own) {
        return false;
      }
      if (parent instanceof ClassTree owner) {
        return visible(owner.getModifiers(), path.getParentPath());
      }
      return parent instanceof CompilationUnitTree;
    }
  }
}
