/**
 * Task types the server registers so that it is useful without writing Java: http, echo, noop, and
 * shell when configured; {@link dev.baton.server.tasks.HttpTaskSettings} and {@link
 * dev.baton.server.tasks.ShellTaskSettings} say what they may reach.
 */
package dev.baton.server.tasks;
