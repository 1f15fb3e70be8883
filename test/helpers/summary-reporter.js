'use strict';
// Ends the run with one plain line CI can read: "suite: N passed, N failed".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const label = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
    process.stdout.write(`\n${label}: ${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed\n`);
  }
}

module.exports = SummaryReporter;
