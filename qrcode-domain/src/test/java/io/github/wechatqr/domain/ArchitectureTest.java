package io.github.wechatqr.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is pure Java: it knows the JDK and itself, and nothing else. */
@AnalyzeClasses(packages = "io.github.wechatqr.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_depends_on_the_jdk_only = classes()
      .that().resideInAPackage("io.github.wechatqr.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.github.wechatqr.domain..");

  @ArchTest
  static final ArchRule no_package_cycles = slices()
      .matching("io.github.wechatqr.domain.(**)")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule ports_are_interfaces = classes()
      .that().resideInAPackage("io.github.wechatqr.domain.port")
      .and().areTopLevelClasses()
      .and().doNotHaveSimpleName("package-info")
      .should().beInterfaces();

  @ArchTest
  static final ArchRule the_model_does_not_know_the_use_case = classes()
      .that().resideInAPackage("io.github.wechatqr.domain")
      .should().onlyDependOnClassesThat()
      .resideOutsideOfPackage("io.github.wechatqr.domain.service..");
}
