package io.stocklambda.embedded.stack;

import java.util.OptionalLong;

/** One engine as {@code stack status} sees it: process, health from its real client, memory. */
public record EngineStatus(
    Engine engine,
    long pid,
    String endpoint,
    boolean running,
    boolean healthy,
    String detail,
    OptionalLong residentBytes) {}
