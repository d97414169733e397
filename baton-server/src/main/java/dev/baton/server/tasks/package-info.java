/** Task types the server registers so that it is useful without writing Java: http, echo, noop. */
package dev.baton.server.tasks;
