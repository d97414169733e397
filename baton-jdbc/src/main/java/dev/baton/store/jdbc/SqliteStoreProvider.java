package dev.baton.store.jdbc;

import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens {@code sqlite:PATH} URLs: {@code sqlite:baton.db} (relative to the working directory),
 * {@code sqlite:/var/lib/baton/baton.db}, {@code sqlite:data/baton.db}. Missing parent folders are
 * created, and so are the file and Baton's tables, which are upgraded when an older Baton made
 * them. Several processes may open the same file; each writes through one connection and they take
 * turns on SQLite's write lock.
 */
public final class SqliteStoreProvider implements StoreProvider {
  private static final String SCHEME = "sqlite";
  private static final String USAGE =
      "use sqlite:PATH, such as sqlite:baton.db or sqlite:/var/lib/baton/baton.db";

  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public SqliteStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  /**
   * Opens the SQLite file the URL names, creating it, its folders and its tables if needed.
   *
   * @throws IllegalArgumentException if the URL is not {@code sqlite:PATH} with a usable path
   * @throws StoreException if the folder or file cannot be created or opened, or its schema is
   *     newer than this version of Baton
   */
  @Override
  public TaskStore open(String url, StoreContext context) {
    Path file = path(url);
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("Cannot create the folder of SQLite database " + file, e);
    }
    Database db =
        new Database(
            new SqliteDialect(), "SQLite database " + file, () -> SqliteDialect.open(file));
    try {
      Schema.migrate(db, context.clock());
    } catch (RuntimeException e) {
      try {
        db.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return new JdbcStore(db, context.clock());
  }

  /** The absolute path a URL names. */
  static Path path(String url) {
    if (url == null || !url.startsWith(SCHEME + ":")) {
      throw malformed(url, "it does not start with 'sqlite:'");
    }
    String path = url.substring(SCHEME.length() + 1);
    if (path.isBlank()) {
      throw malformed(url, "the path is empty");
    }
    if (!path.equals(path.strip())) {
      throw malformed(url, "the path starts or ends with white space");
    }
    if (path.startsWith("//")) {
      throw malformed(url, "'sqlite://' is not a path");
    }
    if (path.startsWith(":memory:") || path.contains("?")) {
      // sqlite-jdbc would read these as an in-memory database or as driver options.
      throw malformed(
          url,
          "in-memory databases and '?' options are not supported"
              + " (use memory: for a backend that lives in the process)");
    }
    if (path.endsWith("/") || path.endsWith(java.io.File.separator)) {
      throw malformed(url, "the path names a folder, not a file");
    }
    Path file;
    try {
      file = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw malformed(url, "the path is invalid: " + e.getMessage());
    }
    if (Files.isDirectory(file)) {
      throw malformed(url, file + " is a folder, not a file");
    }
    return file;
  }

  private static IllegalArgumentException malformed(String url, String why) {
    return new IllegalArgumentException(
        "Malformed SQLite backend URL '" + BackendUrls.mask(url) + "': " + why + "; " + USAGE);
  }
}
