/** The {@code baton} command line: the runnable jar's entry point and its subcommands. */
package dev.baton.server.cli;
