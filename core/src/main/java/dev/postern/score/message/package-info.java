/**
 * A message as the scoring rules see it: parsed once with mime4j into headers, decoded text
 * and HTML parts, attachment names and the MIME errors met on the way. Rules never parse.
 * Also the HTML helpers (tag stripping, link extraction) shared by the rules and Bayes.
 */
package dev.postern.score.message;
