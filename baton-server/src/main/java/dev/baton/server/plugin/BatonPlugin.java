package dev.baton.server.plugin;

import dev.baton.BatonBuilder;

/**
 * Adds task types and handlers to the server. Put a jar in the plugins folder (key {@code
 * plugins.dir}, default {@code ./plugins}) holding an implementation and a {@code
 * META-INF/services/dev.baton.server.plugin.BatonPlugin} file naming it:
 *
 * <pre>{@code
 * public final class MailPlugin implements BatonPlugin {
 *   static final TaskType<Email> SEND_EMAIL = TaskType.of("send_email", Email.class);
 *
 *   public void register(BatonBuilder builder) {
 *     builder.handle(SEND_EMAIL, (email, ctx) -> mailer.send(email));
 *   }
 * }
 * }</pre>
 */
public interface BatonPlugin {
  /**
   * Registers this plugin's task types and handlers.
   *
   * @param builder the server's builder, before it starts
   * @throws IllegalArgumentException if a type clashes with one already handled
   */
  void register(BatonBuilder builder);
}
