// Baleia's own bounds on what a student's Dockerfile may be. Real BuildKit accepts much more
// (only a single line is capped, at 64 KiB); a chat course does not need it, and every bound
// here turns a hostile file into a clear error in well under 50 ms instead of a long stall.

export const DOCKERFILE_LIMITS = {
  /** Whole file, in UTF-8 bytes (256 KiB). Real course Dockerfiles are under 5 KiB. */
  maxBytes: 256 * 1024,
  /** Physical lines. */
  maxLines: 5_000,
  /** Instructions (official images use under 100). */
  maxInstructions: 500,
  /** One physical line, in UTF-8 bytes: BuildKit's own bufio.Scanner limit (64 KiB - 1). */
  maxLineBytes: 65_535,
  /** Heredocs in the whole file. */
  maxHeredocs: 256,
  /** Nesting of `${a:-${b:-...}}` inside one word. */
  maxExpansionDepth: 32,
  /** Wildcards (`*`, `?`) in one `${VAR#pattern}` / `${VAR/pattern/x}` pattern. */
  maxPatternWildcards: 16,
  /** Length of one such pattern (matching is linear in the value, times the pattern's length). */
  maxPatternLength: 128,
  /** One word after variable expansion (`ARG B=${A}${A}` repeated would otherwise double forever). */
  maxExpandedLength: 65_536,
  /** A stage's variables (ENV and ARG values, names included), in characters. */
  maxEnvLength: 65_536,
} as const;
