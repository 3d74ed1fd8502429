/** Types of build-if-needed.mjs. */
/** True when an output is missing or older than any of the sources it is built from. */
export function isStale(root: string, output: string, sources: readonly string[]): boolean;
/** Runs `npm run <script>` when its output is stale, its output shown only if it fails. */
export function buildIfNeeded(
  root: string,
  script: string,
  output: string,
  sources: readonly string[],
): void;
