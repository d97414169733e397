/** The server's configuration: defaults, a YAML file, environment variables and flags. */
package dev.baton.server.config;
