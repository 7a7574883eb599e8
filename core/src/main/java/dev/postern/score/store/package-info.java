/**
 * The state the scoring rules keep between messages: greylisting triplets, rate-limit counters,
 * the sender domains seen per "+tag", the recent verdicts per sender identity (reputation).
 * Minimal interfaces (one per concern, time passed in by the caller so every implementation is
 * clock-free) with in-memory implementations.
 */
package dev.postern.score.store;
