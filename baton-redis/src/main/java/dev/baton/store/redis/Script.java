package dev.baton.store.redis;

import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Lua scripts, each the shared helpers followed by its own body, with its SHA-1. */
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

  final String text;
  final String sha;
  final ScriptOutputType output;

  Script(String file, ScriptOutputType output) {
    this.text = read("common") + "\n" + read(file);
    this.output = output;
    try {
      this.sha = HexFormat.of().formatHex(
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
