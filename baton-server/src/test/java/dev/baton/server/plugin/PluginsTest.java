package dev.baton.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.TaskRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
  @TempDir Path dir;

  @Test
  void a_jar_in_the_folder_registers_its_task_types() throws IOException {
    try (OutputStream file = Files.newOutputStream(dir.resolve("greet.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("META-INF/services/" + BatonPlugin.class.getName()));
      jar.write((GreetPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    BatonBuilder builder = Baton.builder();
    assertThat(Plugins.load(dir, builder)).containsExactly(GreetPlugin.class.getName());
    try (Baton baton = builder.start()) {
      var id =
          baton.enqueue(TaskRequest.json("greet", "{\"name\":\"ada\"}", Enqueue.options())).id();
      assertThat(baton.task(id).await(Duration.ofSeconds(10))).isEqualTo("hello ada");
    }
  }

  @Test
  void no_folder_means_no_plugins() {
    assertThat(Plugins.load(dir.resolve("missing"), Baton.builder())).isEmpty();
  }
}
