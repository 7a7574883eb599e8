package dev.postern.score.config;

/** A symbol the configuration knows: its weight and what it means. */
public record SymbolDefinition(String name, double weight, String description) {
}
