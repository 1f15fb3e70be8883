'use strict';
/**
 * Names of what a test run creates, so that a run removes only its own: two runs at once on one
 * machine or one PostgreSQL server (two worktrees, a developer and CI) never touch each other's.
 *
 * global-setup names the run (EXTRANET_TEST_RUN, inherited by the jest workers and the nodes they
 * spawn): the time it started (base 36) and the pid of the jest process. SQLite temp folders are
 * `extranet-test-<run>-XXXXXX` in the OS temp folder; PostgreSQL databases are
 * `extranet_t_<run>_<pid>_<n>_<random>`.
 */
const PG_PREFIX = 'extranet_t_';
const DIR_PREFIX = 'extranet-test-';

/** A new run's name: `<start time, base 36>_<pid>` (e.g. `mip6v1x2_41235`). */
const newRunName = (now = Date.now(), pid = process.pid) => `${now.toString(36)}_${pid}`;

/** This process's run: the one global-setup named, or (a file run without it) one of its own. */
const currentRun = () => (process.env.EXTRANET_TEST_RUN ??= newRunName());

/** The start time written in a name made here (a folder or a database), or null for any other name. */
const runStartedAt = (name) => {
  const match = /^(?:extranet_t_|extranet-test-)([0-9a-z]{8,9})_\d+[_-]/.exec(name);
  if (!match) return null;
  const time = parseInt(match[1], 36);
  // Plausible times only: names of the earlier scheme (`extranet_t_<pid>_...`) are not ours to judge.
  return time > Date.UTC(2024, 0, 1) && time < Date.now() + 86400000 ? time : null;
};

/** LIKE pattern (backslash escapes) matching the PostgreSQL databases of `run`. */
const pgRunPattern = (run) => `${PG_PREFIX}${run}_`.replace(/_/g, '\\_') + '%';

/** What a run leaves behind after a crash is removed by a later run once it is this old. */
const LEFTOVER_AFTER_MS = 6 * 3600 * 1000;

module.exports = { PG_PREFIX, DIR_PREFIX, LEFTOVER_AFTER_MS, newRunName, currentRun, runStartedAt, pgRunPattern };
