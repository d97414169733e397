package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java code compiles as written, against every module. Each ```java block becomes one
 * class: lines at column 0 that open a declaration (record, static, class, interface, enum) are
 * members; everything else is the body of one method. The names the tour takes for granted (a
 * mailer, a second email, a report type and its argument, a cookie, a JDBC connection) are declared
 * around it.
 */
class ReadmeTourTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
  private static final Pattern MEMBER = Pattern.compile("^(record|static|class|interface|enum) .*");

  private static final String IMPORTS =
      """
      import dev.baton.*;
      import dev.baton.retry.*;
      import dev.baton.store.jdbc.TransactionalEnqueue;
      import java.sql.Connection;
      import java.time.*;
      import java.util.*;
      """;

  // What the tour assumes exists; it names each of these without declaring it.
  private static final String ASSUMED =
      """
        record Receipt(String messageId) {}
        interface Mailer { Receipt send(Email email); }
        record Report(String day) {}
        static final TaskType<Report> REPORT = TaskType.of("report", Report.class);
        Mailer mailer;
        Email email, e1, e2;
        Report args;
        String cookie;
        Connection connection;
      """;

  @TempDir Path out;

  @Test
  void readme_java_blocks_compile() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md").toAbsolutePath().normalize());
    List<String> blocks = javaBlocks(readme);
    assertThat(blocks).as("```java blocks in README.md").isNotEmpty();
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      sources.add(source("ReadmeBlock" + i, blocks.get(i)));
    }
    assertThat(compile(sources, out)).as("javac diagnostics for README.md").isEmpty();
  }

  @Test
  void a_handler_lambda_over_a_void_send_is_reported() throws IOException {
    String voidSend =
        """
        record Email(String to, String subject) {}
        static final TaskType<Email> SEND_EMAIL = TaskType.of("send_email", Email.class);
        interface VoidMailer { void send(Email email); }
        VoidMailer quiet = email -> {};
        Baton.builder().handle(SEND_EMAIL, (email, ctx) -> quiet.send(email));
        """;
    assertThat(compile(List.of(source("VoidHandler", voidSend)), out))
        .contains("VoidHandler.java:")
        .contains("quiet.send(email)");
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static JavaFileObject source(String className, String block) {
    StringBuilder members = new StringBuilder();
    StringBuilder body = new StringBuilder();
    int depth = 0;
    boolean inMember = false;
    for (String line : block.split("\n", -1)) {
      if (depth == 0) {
        inMember = MEMBER.matcher(line).matches();
      }
      (inMember ? members : body).append(line).append('\n');
      depth += depth(line);
    }
    String code =
        IMPORTS
            + "class "
            + className
            + " {\n"
            + ASSUMED
            + members
            + "  void tour() throws Exception {\n"
            + body
            + "  }\n}\n";
    URI uri = URI.create("string:///" + className + ".java");
    return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  // Brace and parenthesis depth, so that a member spread over lines stays one member.
  private static int depth(String line) {
    int d = 0;
    for (char c : line.toCharArray()) {
      switch (c) {
        case '{', '(' -> d++;
        case '}', ')' -> d--;
        default -> {}
      }
    }
    return d;
  }

  /**
   * Compiles the sources; returns javac's error diagnostics, one per line, or "" when it compiles.
   */
  private static String compile(List<JavaFileObject> sources, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK compiler (the tests run on a JDK, not a JRE)").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "--release", "21", "-proc:none", "-classpath", testClassPath(), "-d", out.toString());
    StringWriter log = new StringWriter();
    boolean ok = javac.getTask(log, null, diagnostics, options, null, sources).call();
    StringBuilder errors = new StringBuilder();
    diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
        .forEach(
            d ->
                errors
                    .append(d.getSource() == null ? "" : d.getSource().getName())
                    .append(':')
                    .append(d.getLineNumber())
                    .append(": ")
                    .append(d.getMessage(null))
                    .append('\n')
                    .append("    ")
                    .append(lineOf(d))
                    .append('\n'));
    if (!ok && errors.isEmpty()) {
      errors.append(log);
    }
    return errors.toString();
  }

  private static String lineOf(javax.tools.Diagnostic<? extends JavaFileObject> d) {
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
      long n = d.getLineNumber();
      return n >= 1 && n <= lines.length ? lines[(int) n - 1].strip() : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  // Surefire may start the JVM from a manifest-only jar; it names the real class path here.
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String path =
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    assertThat(path.split(File.pathSeparator)).as("test class path").isNotEmpty();
    return path;
  }
}
