'use strict';
/**
 * The suite's test environment: jest's own `node` environment, plus a check that a test file
 * leaves nothing running once it ends. Jest gives a worker 500 ms to exit after its last file;
 * whatever keeps its event loop alive longer (a Strapi never destroyed, a node or a browser
 * never stopped, a listener never closed, a timer that is not `unref`ed) makes jest report "a
 * worker process has failed to exit gracefully" without naming the file. Here the file is named:
 * what keeps the worker's event loop alive (Node's `process.getActiveResourcesInfo()`: timers,
 * sockets, servers, child processes) is counted before the file and, once it ended, again until it
 * is back to that count (at most GRACE_MS); what is still there then is reported on stderr with
 * the file's name. `--detectOpenHandles` on that file then says where it was made.
 */
const { TestEnvironment } = require('jest-environment-node');

/*
 * A jest worker ends by letting its event loop run dry; Node then disposes of its V8 heap piece by
 * piece before the process is gone, and jest gives it 500 ms (FORCE_EXIT_DELAY) before it reports
 * "a worker process has failed to exit gracefully". After a few files that each booted a Strapi a
 * worker's heap is 300-500 MB, and nothing is running any more: traced, its 'exit' event came
 * 1-50 ms after jest asked it to end, and the process was gone 0.5-1.5 s later. Measured on a
 * 550 MB heap at load 11 on 2 cores: 1.0-2.3 s from the end request to the process gone when the
 * loop runs dry, 0.3-0.4 s when `process.exit()` ends it (the memory is then freed by the kernel
 * at once, not by V8 first). The worker exits when jest's end request arrives, not on 'beforeExit':
 * with 'beforeExit' a PostgreSQL run at load 7 still printed the warning once, and the end request
 * is the one moment jest has no more work for the worker. What would keep a worker alive is
 * reported, with its file, by the teardown below.
 */
if (typeof process.send === 'function' && /jest-worker/.test(process.argv[1] ?? '')) {
  const CHILD_MESSAGE_END = 2; // jest-worker's end request (build/types.js; the package does not export it)
  process.on('message', (message) => {
    if (Array.isArray(message) && message[0] === CHILD_MESSAGE_END) process.exit();
  });
}

const GRACE_MS = 2000;

/**
 * A full collection once a file ended: what the file made is garbage then, and the worker would
 * otherwise carry it (hundreds of MB after a Strapi boot and a large data set) to its exit, where
 * V8 tears the heap down. A worker exiting with a 600 MB heap took 1-1.4 s at load 17 on 2 cores,
 * one collected beforehand about 0.25 s; jest gives it 0.5 s. The collection is paid here, inside
 * the run, instead of in that half second.
 */
const collectGarbage = (() => {
  require('v8').setFlagsFromString('--expose-gc');
  return require('vm').runInNewContext('gc');
})();

/**
 * better-sqlite3's native addon is loaded once per worker process (Node caches a `.node` module
 * outside jest's per-file module registry), and the first test file that opens a database hands it
 * that file's `SqliteError` class, which the addon keeps in a V8 global handle
 * (`setErrorConstructor`, once: `addon.isInitialized`). The class is made in the file's vm context
 * (its prototype is that context's `Error`), so the handle kept that whole finished file alive: its
 * context, its Strapi and every module it loaded, its test data, about 135 MB of live heap for the
 * rest of the worker's life (a heap snapshot's retaining path: Global handles -> SqliteError ->
 * Error -> NativeContext -> ... -> app.strapi). At the end of the run the worker then had to finish
 * its collection of that heap and tear it down, which on a loaded 2-core machine took longer than
 * the 500 ms jest gives a worker to exit: "a worker process has failed to exit gracefully", with no
 * handle left to name. Once a file ended, the addon is given the worker's own class instead, and
 * the next file's better-sqlite3 hands it that file's class again (its errors are of its own realm).
 */
const SQLITE_ADDON = (() => {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return null;
  }
})();
const releaseSqliteErrorClass = () => {
  const addon = SQLITE_ADDON && require.cache[SQLITE_ADDON]?.exports;
  if (!addon || !addon.isInitialized) return;
  addon.setErrorConstructor(require('better-sqlite3/lib/sqlite-error'));
  addon.isInitialized = false;
};

/**
 * lodash/fp, which Strapi loads in every file, wraps lodash's `isBuffer`, which is Node's own
 * `Buffer.isBuffer` (jest gives every file the worker's Buffer), and sets `convert` and
 * `placeholder` on it: a closure and an object of the file's vm context, on a function of the
 * worker's. The last file that loaded it stayed live in the worker to its end (a heap snapshot's
 * path: Global handles -> Uint8Array -> Buffer -> isBuffer -> convert -> NativeContext -> ...).
 */
const releaseBufferIsBuffer = () => {
  for (const key of ['convert', 'placeholder']) {
    if (Object.prototype.hasOwnProperty.call(Buffer.isBuffer, key)) delete Buffer.isBuffer[key];
  }
};

const countByType = () => {
  const counts = new Map();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
};

/** The resources (by type) there are more of now than in `before`. */
const excess = (before) => {
  const more = [];
  for (const [type, count] of countByType()) {
    if (count > (before.get(type) ?? 0)) more.push(`${type} ×${count - (before.get(type) ?? 0)}`);
  }
  return more;
};

class ExtranetTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    this.resourcesBefore = countByType();
    await super.setup();
    this.globalKeysAtSetup = new Set(Reflect.ownKeys(this.global));
  }

  /**
   * Apps a timed-out hook never got (test/helpers/strapi.ts) are stopped before the file ends. A
   * method of its own, so that no frame of the teardown keeps that function of the file (and
   * through it every module the file loaded) while the heap is collected.
   */
  async stopLeftoverApps() {
    const stopLeftovers = this.global && this.global.__extranetStopLeftoverApps;
    if (typeof stopLeftovers === 'function') await stopLeftovers().catch(() => undefined);
  }

  /**
   * What the file put on its global is let go of once it ended. Jest still holds the file's vm
   * context while the teardown runs (its results are objects of that context), so the collection
   * below cannot free the context itself, only what nothing of it reaches any longer; and the global
   * reaches everything: jest-circus keeps its state there (describe blocks -> hooks -> the test's
   * closures -> its Strapi), Strapi sets `strapi`, the helpers set theirs. Deleting what was not
   * there at setup lets the collection free the file's app before its worker goes on (after a
   * Strapi file, heapUsed after the collection: 150, 208, 256 MB over three files without this,
   * 150, 159, 160 MB with it), and what is left at the end of the last file is small.
   */
  releaseGlobals() {
    const global = this.global;
    if (!global) return;
    for (const key of Reflect.ownKeys(global)) {
      if (this.globalKeysAtSetup.has(key)) continue;
      try {
        delete global[key];
      } catch {
        // a non-configurable property stays
      }
    }
  }

  async teardown() {
    await this.stopLeftoverApps();
    await super.teardown();
    this.releaseGlobals();
    releaseSqliteErrorClass();
    releaseBufferIsBuffer();
    let left = excess(this.resourcesBefore);
    for (let waited = 0; left.length > 0 && waited < GRACE_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50).unref());
      left = excess(this.resourcesBefore);
    }
    if (left.length > 0) {
      process.stderr.write(
        `\n[test environment] ${this.testPath} ended with ${left.join(', ')} still keeping its worker alive ${GRACE_MS} ms later ` +
          '(a worker that cannot exit; run the file with --detectOpenHandles to see where they were made)\n'
      );
    }
    // Three rounds: the first two leave the file's vm context (and about 50 MB with it) for the
    // third (measured after a Strapi file: heapUsed 150, 150, 101 MB, then no lower).
    for (let round = 0; round < 3; round++) collectGarbage();
  }
}

module.exports = ExtranetTestEnvironment;
