package dev.baton.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Backend URLs for a benchmark's {@code backend} parameter, with a scratch folder for files. */
final class Backends {
  private final Path dir;
  final String url;

  Backends(String kind) {
    try {
      this.dir = Files.createTempDirectory("baton-jmh-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.url =
        switch (kind) {
          case "memory" -> "memory:";
          case "sqlite" -> "sqlite:" + dir.resolve("bench.db");
          default ->
              throw new IllegalArgumentException(
                  "unknown backend kind '" + kind + "'; use memory or sqlite");
        };
  }

  void delete() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
