package dev.baton.server.plugin;

import dev.baton.BatonBuilder;
import dev.baton.TaskType;

/** A plugin for the test: listed only in the jar the test writes, not on the class path. */
public final class GreetPlugin implements BatonPlugin {
  /** The payload. */
  public record Name(String name) {}

  static final TaskType<Name> GREET = TaskType.of("greet", Name.class);

  @Override
  public void register(BatonBuilder builder) {
    builder.handle(GREET, (payload, ctx) -> "hello " + payload.name());
  }
}
