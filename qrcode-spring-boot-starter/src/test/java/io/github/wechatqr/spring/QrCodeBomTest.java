package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM pins every module of the reactor and nothing else, at the project's version, and inherits nothing:
 * a host application that imports it gets exactly this project's versions. Reads the reactor's poms.
 */
class QrCodeBomTest {
  private static final String GROUP = "io.github.wechatqr";
  private static final String BOM = "qrcode-bom";
  /** The reactor's root: the nearest folder above the running module that holds the BOM (the module runs these
   *  tests from qrcode-spring-boot-starter-tests/boot*). */
  private static final Path ROOT = root(Path.of(System.getProperty("basedir", ".")).toAbsolutePath());

  private static Path root(Path module) {
    for (Path at = module; at != null; at = at.getParent()) {
      if (Files.exists(at.resolve(BOM).resolve("pom.xml"))) {
        return at;
      }
    }
    throw new IllegalStateException("no " + BOM + " above " + module);
  }

  @Test
  void every_published_module_of_the_reactor_is_pinned() throws Exception {
    assertThat(managedArtifacts()).containsAll(publishedModules());
  }

  @Test
  void the_bom_pins_nothing_but_this_projects_modules_at_the_projects_version() throws Exception {
    Set<String> known = new LinkedHashSet<>(publishedModules());
    for (Element dependency : managedDependencies()) {
      String artifact = text(dependency, "artifactId");
      assertThat(text(dependency, "groupId")).as(artifact).isIn(GROUP, "${project.groupId}");
      assertThat(text(dependency, "version")).as(artifact).isEqualTo("${project.version}");
      assertThat(child(dependency, "scope")).as(artifact + " imports nothing").isEmpty();
      assertThat(child(dependency, "type")).as(artifact + " is a plain jar").isEmpty();
      assertThat(artifact).isIn(known);
    }
  }

  @Test
  void the_bom_inherits_nothing_and_carries_the_project_version() throws Exception {
    Element bom = pom(ROOT.resolve(BOM).resolve("pom.xml"));
    Element parent = pom(ROOT.resolve("pom.xml"));

    assertThat(child(bom, "parent")).as("a parent would export its third-party pins").isEmpty();
    for (String section : List.of("dependencies", "repositories", "build", "modules", "properties")) {
      assertThat(child(bom, section)).as(section).isEmpty();
    }
    assertThat(text(bom, "packaging")).isEqualTo("pom");
    assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(childrenText(child(parent, "modules").orElseThrow(), "module")).contains(BOM);
  }

  @Test
  void the_bom_repeats_the_parents_project_metadata() throws Exception {
    Element bom = pom(ROOT.resolve(BOM).resolve("pom.xml"));
    Element parent = pom(ROOT.resolve("pom.xml"));

    for (String section : List.of("url", "inceptionYear", "licenses", "developers", "scm", "issueManagement")) {
      assertThat(child(parent, section)).as("the parent's " + section).isPresent();
      assertThat(flat(bom, section)).as(section).isEqualTo(flat(parent, section));
    }
  }

  /** The artifactIds of the root's modules, except the BOM and modules that are never published. */
  private static List<String> publishedModules() throws Exception {
    List<String> modules = new ArrayList<>();
    for (String directory : childrenText(child(pom(ROOT.resolve("pom.xml")), "modules").orElseThrow(), "module")) {
      Element module = pom(ROOT.resolve(directory).resolve("pom.xml"));
      boolean neverPublished = child(module, "properties").flatMap(p -> child(p, "publish.skip"))
          .map(Node::getTextContent).filter("true"::equals).isPresent();
      String artifact = text(module, "artifactId");
      if (!artifact.equals(BOM) && !neverPublished) {
        modules.add(artifact);
      }
    }
    return modules;
  }

  private static List<String> managedArtifacts() throws Exception {
    return managedDependencies().stream().map(d -> text(d, "artifactId")).toList();
  }

  private static List<Element> managedDependencies() throws Exception {
    Element management = child(pom(ROOT.resolve(BOM).resolve("pom.xml")), "dependencyManagement").orElseThrow();
    return children(child(management, "dependencies").orElseThrow(), "dependency");
  }

  private static Element pom(Path file) throws Exception {
    assertThat(file).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(file)) {
      Document document = factory.newDocumentBuilder().parse(in);
      return document.getDocumentElement();
    }
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static List<String> childrenText(Element parent, String name) {
    return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
  }

  /** A section's text with its layout (indentation, line breaks) folded to single spaces. */
  private static String flat(Element parent, String name) {
    return text(parent, name).replaceAll("\\s+", " ");
  }

  private static String text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().trim()).orElse("");
  }
}
