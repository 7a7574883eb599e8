/**
 * Spam scoring in the manner of rspamd: rules look at a message and its SMTP context and emit
 * weighted symbols, composites combine them, the sum is the score and thresholds map it to an
 * {@link dev.postern.score.Action}. Entry point: {@link dev.postern.score.ScoringEngine}. No James dependency.
 */
package dev.postern.score;
