'use strict';
/**
 * Preloaded in Stryker's TypeScript checker process (stryker.config.json, `checkerNodeArgs`).
 * The checker puts each mutant into TypeScript's watch-mode builder, which waits 250 ms after a
 * file changes before it rebuilds (a debounce meant for an editor's keystrokes): a quarter of a
 * second of idle waiting for every one of some thousand mutants. Here those three named timers of
 * TypeScript's builder fire at once; nothing else changes (the checks are the same).
 */
const ts = require('typescript');

const DEBOUNCED = new Set(['timerToBuildInvalidatedProject', 'timerToUpdateProgram', 'timerToInvalidateFailedLookupResolutions']);
const setTimeoutOfTs = ts.sys.setTimeout;
if (setTimeoutOfTs) {
  ts.sys.setTimeout = (callback, ms, ...args) => setTimeoutOfTs(callback, DEBOUNCED.has(args[0]) ? 0 : ms, ...args);
}
