/**
 * Audit: the decision explorer (search, one decision, downstream, sanction trace, chain verify).
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 * No other feature uses anything of it yet.
 */
export {};
