/**
 * Scoring configuration: symbol weights, composites, action thresholds and rule settings read
 * from XML (the JDK DOM parser), with overrides per recipient domain and per user. Errors name
 * the element and line that is wrong and say how to fix it. The default ships as a resource.
 */
package dev.postern.score.config;
