/** Baton's end-to-end load tool ({@code ./baton bench}) and its workloads. */
package dev.baton.bench;
