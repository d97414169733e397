package dev.baton.store.redis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on the Redis test servers. Tagged so that plain {@code mvn test} leaves it out;
 * {@code ./scripts/test} starts the servers and runs it, and then a missing server fails it. Its
 * keys are emptied after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("redis")
@ExtendWith(TestRedis.CleanUp.class)
@interface RedisTest {}
