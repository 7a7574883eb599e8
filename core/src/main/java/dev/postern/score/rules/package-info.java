/**
 * The rules of the default set, one small class each: they read a parsed message and its SMTP
 * context and return hits (symbol, factor, options). Weights are not theirs: the configuration
 * gives them. Stateful rules (greylist, rate limits, tag leaks, sender reputation) reach state only through
 * store interfaces.
 */
package dev.postern.score.rules;
