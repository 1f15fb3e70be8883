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
 * A jest worker ends by letting its event loop run dry, and Node then tears down its whole heap
 * before the process is gone. After some twenty files that each booted a Strapi, the heap of a
 * worker holds 150-250 MB of what those files left, and its teardown took longer than the 500 ms
 * jest waits at the end of the run (traced: the worker's 'exit' event came 10-50 ms after jest
 * asked it to end, the process was gone only when jest's SIGTERM arrived), so jest reported "a
 * worker process has failed to exit gracefully" although nothing was still running. When the loop
 * is dry ('beforeExit': nothing is left to run, and in a worker that only happens once jest asked
 * it to end) the worker exits at once; the heap is the operating system's to free. What does keep
 * a worker alive still never reaches 'beforeExit' and is reported by the teardown below.
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
