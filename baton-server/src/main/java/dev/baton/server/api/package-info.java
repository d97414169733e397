/**
 * The REST API under {@code /api/v1}: tasks, schedules, the key-value store, queues and health,
 * served by the JDK's built-in HTTP server, with errors as RFC 9457 problem documents.
 */
package dev.baton.server.api;
