package dev.baton.store.rabbitmq;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class on the RabbitMQ test broker, in a vhost of its own. Tagged so that plain {@code mvn
 * test} leaves it out; {@code ./scripts/test} starts the broker and runs it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("rabbitmq")
@ExtendWith(RabbitTest.FreshVhost.class)
@interface RabbitTest {
  /** Makes the class's vhost before it and deletes it after. */
  final class FreshVhost implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      Broker.create(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
      Broker.drop(context.getRequiredTestClass());
    }
  }
}
