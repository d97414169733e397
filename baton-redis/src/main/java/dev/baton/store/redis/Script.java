package dev.baton.store.redis;

import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts, loaded as one function library: the shared helpers (common.lua) once, then each
 * script's body as a function of its own. A library's top level runs once, when it is loaded, so a
 * call runs only its own body; as scripts (EVAL), every call ran the helpers' definitions again,
 * which cost more than most bodies. The library's name and its functions' names carry a digest of
 * the text, so that versions of Baton with different scripts can share a server.
 */
enum Script {
  ENQUEUE("enqueue", ScriptOutputType.MULTI),
  RESTORE("restore", ScriptOutputType.MULTI),
  CLAIM("claim", ScriptOutputType.MULTI),
  SETTLE("settle", ScriptOutputType.MULTI),
  RENEW("renew", ScriptOutputType.MULTI),
  EXPIRE("expire", ScriptOutputType.MULTI),
  CANCEL("cancel", ScriptOutputType.VALUE),
  RETRY("retry", ScriptOutputType.INTEGER),
  NEXT("next", ScriptOutputType.VALUE),
  PURGE("purge", ScriptOutputType.INTEGER),
  CLEAR("clear", ScriptOutputType.INTEGER),
  LIST("list", ScriptOutputType.MULTI),
  SCAN("scan", ScriptOutputType.MULTI),
  READ("read", ScriptOutputType.MULTI),
  KV("kv", null),
  SCHEDULE("schedule", null);

  /** The library's text, for FUNCTION LOAD. */
  static final String LIBRARY;

  private static final String[] FUNCTIONS;

  final String file;
  final ScriptOutputType output;

  Script(String file, ScriptOutputType output) {
    this.file = file;
    this.output = output;
  }

  static {
    Script[] all = values();
    String[] bodies = new String[all.length];
    StringBuilder sources = new StringBuilder(read("common"));
    for (Script script : all) {
      bodies[script.ordinal()] = read(script.file);
      sources.append(bodies[script.ordinal()]);
    }
    String name = "baton_" + digest(sources.toString()).substring(0, 16);
    FUNCTIONS = new String[all.length];
    StringBuilder library =
        new StringBuilder("#!lua name=")
            .append(name)
            .append('\n')
            .append(read("common"))
            .append('\n');
    for (Script script : all) {
      FUNCTIONS[script.ordinal()] = name + "_" + script.file;
      library
          .append("redis.register_function('")
          .append(FUNCTIONS[script.ordinal()])
          .append("', function(keys, args)\nbegin(keys, args)\n")
          .append(bodies[script.ordinal()])
          .append("\nend)\n");
    }
    LIBRARY = library.toString();
  }

  /** The name this script's function is registered under. */
  String function() {
    return FUNCTIONS[ordinal()];
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JVM", e);
    }
  }

  private static String read(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
