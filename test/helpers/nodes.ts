import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import request from 'supertest';
import { databaseEnv } from './strapi';

export interface Node {
  url: string;
  http: () => ReturnType<typeof request>;
  stop: () => Promise<void>;
  /** kills the process at once (SIGKILL): no shutdown, nothing recorded */
  kill: () => Promise<void>;
  /** what the process has printed so far (stdout and stderr: Strapi logs errors to stdout) */
  output: () => string;
}

/** Starts another Strapi process on the same database: a second stateless node. */
export async function startNode(database: string, env: Record<string, string> = {}): Promise<Node> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'node-process.js')], {
    env: { ...process.env, ...(await databaseEnv(database)), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the test process, whatever happens to it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    process.removeListener('exit', killOnExit);
    child.stdout?.destroy();
    child.stderr?.destroy();
  });
  let stderr = '';
  let output = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    output += chunk;
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const ready = /READY (\d+)/.exec(stdout);
      if (ready) resolve(Number(ready[1]));
    });
    child.on('exit', (code) => reject(new Error(`node exited with ${code}: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    http: () => request(url),
    output: () => output,
    // A node that does not shut down within 15 s is killed: a live child (and its pipes) would
    // keep the jest worker from exiting.
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
