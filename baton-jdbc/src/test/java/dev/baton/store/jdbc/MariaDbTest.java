package dev.baton.store.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on the MariaDB test server, in a database of its own. Tagged so that plain {@code
 * mvn test} leaves it out; {@code ./scripts/test} starts the server and runs it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("mariadb")
@ExtendWith(FreshDatabase.OnMariaDb.class)
@interface MariaDbTest {}
