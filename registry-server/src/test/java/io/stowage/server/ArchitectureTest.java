package io.stowage.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules the module layout stands for, checked on the compiled classes: a no-cycles rule kept by
 * convention alone lets cycles in.
 */
class ArchitectureTest {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Test code is not held to these rules, whether it comes as test classes or as another module's test-jar.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("io.stowage");
    }

    @Test
    void theCoreHasNoIo() {
        noClasses().that().resideInAnyPackage("io.stowage.oci..", "io.stowage.memory..", "io.stowage.security..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..",
                        "java.sql..", "org.eclipse.jetty..", "io.stowage.storage..", "io.stowage.metadata..",
                        "io.stowage.service..", "io.stowage.http..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.stowage.oci..", "io.stowage.memory..", "io.stowage.security..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
                .check(classes);
    }

    @Test
    void onlyServicesUseTheSpis() {
        noClasses().that().resideInAPackage("io.stowage.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage.storage..", "io.stowage.metadata.sqlite..",
                        "io.stowage.metadata.postgres..", "io.stowage.metadata.jdbc..")
                .check(classes);
    }

    @Test
    void implementationsDependOnlyOnTheirSpiAndTheCore() {
        noClasses().that().resideInAnyPackage("io.stowage.storage.fs..", "io.stowage.storage.s3..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage.metadata..", "io.stowage.service..",
                        "io.stowage.http..", "io.stowage.server..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stowage.storage.fs..")
                .should().dependOnClassesThat().resideInAPackage("io.stowage.storage.s3..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stowage.storage.s3..")
                .should().dependOnClassesThat().resideInAPackage("io.stowage.storage.fs..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.stowage.metadata.jdbc..", "io.stowage.metadata.sqlite..",
                        "io.stowage.metadata.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage.storage..", "io.stowage.service..",
                        "io.stowage.http..", "io.stowage.server..")
                .check(classes);
        // The shared SQL knows neither engine; each engine knows only the shared SQL.
        noClasses().that().resideInAPackage("io.stowage.metadata.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage.metadata.sqlite..",
                        "io.stowage.metadata.postgres..", "org.sqlite..", "org.postgresql..", "com.zaxxer..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stowage.metadata.sqlite..")
                .should().dependOnClassesThat().resideInAPackage("io.stowage.metadata.postgres..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stowage.metadata.postgres..")
                .should().dependOnClassesThat().resideInAPackage("io.stowage.metadata.sqlite..")
                .check(classes);
    }

    @Test
    void servicesKnowNoHttpAndNoImplementation() {
        noClasses().that().resideInAPackage("io.stowage.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.stowage.http..",
                        "io.stowage.storage.fs..", "io.stowage.storage.s3..", "io.stowage.metadata.jdbc..",
                        "io.stowage.metadata.sqlite..", "io.stowage.metadata.postgres..", "io.stowage.server..",
                        "software.amazon..", "java.sql..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("io.stowage.(*)..").should().beFreeOfCycles().check(classes);
    }
}
