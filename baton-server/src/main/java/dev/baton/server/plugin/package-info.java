/** Java handlers for the server as plugin jars, found by ServiceLoader in the plugins folder. */
package dev.baton.server.plugin;
