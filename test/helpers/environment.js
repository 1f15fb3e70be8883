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
 * at once, not by V8 first). 'beforeExit' comes when nothing is left to run, which in a worker
 * happens only once jest asked it to end; what does keep a worker alive never reaches it and is
 * reported by the teardown below.
 */
if (typeof process.send === 'function' && /jest-worker/.test(process.argv[1] ?? '')) {
  process.once('beforeExit', () => process.exit());
}

const GRACE_MS = 2000;

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
  }

  async teardown() {
    // Apps a timed-out hook never got (test/helpers/strapi.ts) are stopped before the file ends.
    const stopLeftovers = this.global && this.global.__extranetStopLeftoverApps;
    if (typeof stopLeftovers === 'function') await stopLeftovers().catch(() => undefined);
    await super.teardown();
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
  }
}

module.exports = ExtranetTestEnvironment;
