/**
 * The JDBC backends: one shared store over a {@code Dialect} strategy. SQLite ({@code sqlite:PATH})
 * is the embedded durable default; PostgreSQL and MariaDB/MySQL join as further dialects. Only the
 * providers are public; everything else is an implementation detail.
 */
package dev.baton.store.jdbc;
