import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Fails when a documented element of the public API has a comment without a summary sentence.
 *
 * <p>JDK 17's doclint reports a missing comment and a missing {@code @param}, but not a comment made of block
 * tags alone ({@code /** @return the ticket *}{@code /}), which the javadoc page then shows with an empty
 * summary. This checks the first sentence of every public type, of each public or protected method and
 * constructor of those types, and of each package comment. A method marked {@code @Override} inherits its
 * summary and is skipped, unless it is a record's accessor.
 *
 * <p>Run by the build on each published module: {@code java tools/JavadocSummaryCheck.java SOURCE_ROOT}.
 */
public final class JavadocSummaryCheck {

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(root)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
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
        new Scanner(unit, docs, problems).scan(unit, null);
      }
    }
    problems.forEach(System.err::println);
    if (!problems.isEmpty()) {
      System.err.println(problems.size() + " javadoc comment(s) of the public API have no summary sentence.");
      System.exit(1);
    }
  }

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final DocTrees docs;
    private final List<String> problems;
    /** Whether each enclosing type is part of the API, and whether it is an interface. */
    private final Deque<boolean[]> types = new ArrayDeque<>();
    /** The component names of each enclosing type (empty unless a record). */
    private final Deque<Set<String>> components = new ArrayDeque<>();

    Scanner(CompilationUnitTree unit, DocTrees docs, List<String> problems) {
      this.unit = unit;
      this.docs = docs;
      this.problems = problems;
    }

    @Override
    public Void visitCompilationUnit(CompilationUnitTree tree, Void unused) {
      if (unit.getSourceFile().getName().endsWith("package-info.java") && tree.getPackage() != null) {
        check(new TreePath(new TreePath(tree), tree.getPackage()), "package " + tree.getPackageName());
      }
      return super.visitCompilationUnit(tree, unused);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      boolean enclosingApi = types.isEmpty() || types.peek()[0];
      boolean inInterface = !types.isEmpty() && types.peek()[1];
      boolean api = enclosingApi && (isPublic(tree.getModifiers()) || inInterface);
      if (api) {
        check(getCurrentPath(), "type " + tree.getSimpleName());
      }
      boolean isInterface = tree.getKind() == Tree.Kind.INTERFACE || tree.getKind() == Tree.Kind.ANNOTATION_TYPE;
      types.push(new boolean[] {api, isInterface});
      components.push(tree.getKind() == Tree.Kind.RECORD ? componentsOf(tree) : Set.of());
      try {
        return super.visitClass(tree, unused);
      } finally {
        types.pop();
        components.pop();
      }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      boolean[] owner = types.peek();
      var flags = tree.getModifiers().getFlags();
      boolean api = owner != null && owner[0] && (owner[1]
          ? !flags.contains(Modifier.PRIVATE)
          : flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED));
      // A record's accessor overrides nothing it could inherit a summary from.
      boolean accessor = tree.getParameters().isEmpty() && components.peek().contains(tree.getName().toString());
      boolean inherits = !accessor && tree.getModifiers().getAnnotations().stream()
          .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
      if (api && !inherits) {
        String name = tree.getReturnType() == null ? "constructor" : "method " + tree.getName() + "(..)";
        check(getCurrentPath(), name);
      }
      return null; // nothing inside a method body is API
    }

    private void check(TreePath path, String what) {
      DocCommentTree comment = docs.getDocCommentTree(path);
      if (comment != null && comment.getFirstSentence().isEmpty()) {
        long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, path.getLeaf()));
        problems.add(unit.getSourceFile().getName() + ":" + line + ": " + what + " has no summary sentence");
      }
    }

    /** A record may declare no instance field: its non-static fields are its components. */
    private static Set<String> componentsOf(ClassTree record) {
      Set<String> names = new HashSet<>();
      for (Tree member : record.getMembers()) {
        if (member instanceof VariableTree field && !field.getModifiers().getFlags().contains(Modifier.STATIC)) {
          names.add(field.getName().toString());
        }
      }
      return names;
    }

    private static boolean isPublic(ModifiersTree modifiers) {
      return modifiers.getFlags().contains(Modifier.PUBLIC);
    }
  }
}
