package dev.baton.server.plugin;

import dev.baton.BatonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Loads {@link BatonPlugin}s from the jars in a folder. */
public final class Plugins {
  private Plugins() {}

  /**
   * Finds the plugins in every {@code .jar} of a folder (and on the class path) and lets each
   * register with the builder. A missing or empty folder means only class-path plugins.
   *
   * @param dir the plugins folder
   * @param builder the builder
   * @return the class names of the plugins registered, in load order
   * @throws UncheckedIOException if the folder cannot be listed
   * @throws java.util.ServiceConfigurationError if a jar names a plugin class it cannot load
   * @throws IllegalArgumentException if a plugin registers a type that clashes
   */
  public static List<String> load(Path dir, BatonBuilder builder) {
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the plugins folder " + dir + ": " + e.getMessage(), e);
    }
    // Never closed: handler classes load lazily from it for as long as the server runs.
    URLClassLoader loader =
        new URLClassLoader(jars.toArray(URL[]::new), Plugins.class.getClassLoader());
    List<String> loaded = new ArrayList<>();
    // The loader's parent is the server's: plugins on the class path (java -cp) count as well.
    for (BatonPlugin plugin : ServiceLoader.load(BatonPlugin.class, loader)) {
      plugin.register(builder);
      loaded.add(plugin.getClass().getName());
    }
    return loaded;
  }
}
