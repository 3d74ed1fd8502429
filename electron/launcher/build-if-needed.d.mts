/** Types of build-if-needed.mjs. */
export interface Build {
  script: string;
  output: string;
  sources: readonly string[];
}
/** What `npm start` serves: the renderer, rebuilt at start when stale. */
export const RENDERER_BUILD: Build;
/** The prebuilt launcher `npm start` runs when it is fresh (else compiled as it loads). */
export const LAUNCHER_BUILD: Build;
/** True when an output is missing or older than any of the sources it is built from. */
export function isStale(root: string, output: string, sources: readonly string[]): boolean;
/** Runs `npm run <script>` when its output is stale, its output shown only if it fails. */
export function buildIfNeeded(
  root: string,
  script: string,
  output: string,
  sources: readonly string[],
): void;
