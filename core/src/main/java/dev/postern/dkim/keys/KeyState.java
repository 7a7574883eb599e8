package dev.postern.dkim.keys;

/** Where a selector is in its life: published before use, used, kept published after use. */
public enum KeyState {
    /** Created by a rotation: publish its TXT record now; it signs once activated. */
    NEXT,
    /** Signs outbound mail; published. */
    ACTIVE,
    /** No longer signs; stays published for the grace period so mail in transit still verifies. */
    RETIRED
}
