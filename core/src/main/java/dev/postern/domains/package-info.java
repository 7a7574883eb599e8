/**
 * The local domains as Postern's features see them, without James: {@link
 * dev.postern.domains.DomainAdditions} lets a feature (DKIM keys) act on a domain the moment it
 * is added, where the server's domain list can tell (Postern's own main class).
 */
package dev.postern.domains;
