/**
 * Composite symbols as in rspamd: a boolean expression over symbol names ({@code A & !B | C})
 * that, when true, adds its own symbol and may remove the weight or the symbols of its parts.
 * Parsing, evaluation and the removal policies; pure functions over lists of symbols.
 */
package dev.postern.score.composite;
