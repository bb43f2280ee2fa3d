// Helpers of the browser tests: a real hopstep-api on a fresh SQLite file, a loopback stand-in
// for an ATS's application form, and Debian's Chromium started so that it reaches nothing but
// those two servers.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The host name the test jobs' Apply links use; Chromium resolves it to the stand-in.
export const atsHost = 'ats.clientats.com';

export const chromiumPath = process.env.HOPSTEP_CHROMIUM || '/usr/bin/chromium';

// Flags for a closed network: no background requests, no component or sync downloads, and a
// resolver that resolves only the ATS stand-in's name. Playwright adds --headless and a fresh
// --user-data-dir of its own for every launch.
export function chromiumArguments(atsPort) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,MediaRouter',
    `--host-resolver-rules=MAP ${atsHost} 127.0.0.1:${atsPort}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
  ];
}

// A running hopstep-api with the demo data, an ATS key for each demo provider and a staff
// token. Every request goes to 127.0.0.1.
export class HopstepService {
  constructor(binary) {
    this.binary = binary;
    this.log = '';
  }

  async start() {
    this.directory = await mkdtemp(path.join(tmpdir(), 'hopstep-web-'));
    this.database = path.join(this.directory, 'hopstep.sqlite');
    const demo = await run(this.binary, ['load-demo', '--json', '--database', this.database]);
    const keys = JSON.parse(demo.stdout).keys;
    this.keys = Object.fromEntries(keys.map((key) => [key.providerName, key.apiKey]));
    this.providerIds = Object.fromEntries(keys.map((key) => [key.providerName, key.providerId]));
    const token = await run(this.binary, [
      'create-staff-token', '--name', 'Web Test Reviewer', '--json', '--database', this.database,
    ]);
    this.staffToken = JSON.parse(token.stdout).token;

    const portFile = path.join(this.directory, 'port');
    this.process = spawn(this.binary, [
      '--database', this.database, '--listen', '127.0.0.1:0', '--port-file', portFile,
      '--rate-limit', '0',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.process.stderr.on('data', (chunk) => { this.log += chunk; });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const port = await readFile(portFile, 'utf8').then((text) => Number(text.trim()), () => 0);
      if (port > 0) {
        this.origin = `http://127.0.0.1:${port}`;
        return;
      }
      if (this.process.exitCode !== null)
        throw new Error(`hopstep-api exited with code ${this.process.exitCode}:\n${this.log}`);
      await sleep(50);
    }
    throw new Error(`hopstep-api wrote no port file within 20 s:\n${this.log}`);
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    if (this.directory)
      await rm(this.directory, { recursive: true, force: true });
  }

  url(pathAndQuery) {
    return this.origin + pathAndQuery;
  }

  async request(method, pathAndQuery, { body, token } = {}) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined)
      headers['Content-Type'] = 'application/json';
    const response = await fetch(this.url(pathAndQuery), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }

  // Posts a job as the provider's ATS and returns its id.
  async createJob(providerName, job) {
    const reply = await this.request('POST', '/api/jobs', { body: job, token: this.keys[providerName] });
    if (reply.status !== 201)
      throw new Error(`Creating "${job.title}" failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json.id;
  }

  async setStatus(providerName, id, status) {
    const reply = await this.request('PUT', `/api/jobs/${id}`, {
      body: { status }, token: this.keys[providerName],
    });
    if (reply.status !== 200)
      throw new Error(`Setting ${id} to ${status} failed: ${reply.status}`);
  }

  async admin(pathAndQuery) {
    const reply = await this.request('GET', pathAndQuery, { token: this.staffToken });
    if (reply.status !== 200)
      throw new Error(`GET ${pathAndQuery} failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }
}

// A stand-in for an ATS's application form on 127.0.0.1. It records each request it serves.
export async function startAtsStandIn() {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url, referer: request.headers.referer || '' });
    const match = /^\/jobs\/([A-Za-z0-9-]+)\/apply/.exec(request.url);
    if (!match) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!DOCTYPE html><html lang="en"><head><title>Apply – ClientATS</title></head>
<body><main><h1 id="ats-form-heading">Application form for job ${match[1]}</h1>
<form><label>Name <input name="name"></label><button>Submit application</button></form>
</main></body></html>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// Shows the job in the console's preview widget, with its display checks, and returns what the
// preview shows: { text, links, checks }. screenshot, when given, is a PNG file to write.
export async function probePreview(probeBinary, directory, job, facilities, categories, screenshot) {
  const { writeFile } = await import('node:fs/promises');
  const files = {
    job: path.join(directory, 'job.json'),
    facilities: path.join(directory, 'facilities.json'),
    categories: path.join(directory, 'categories.json'),
  };
  await writeFile(files.job, JSON.stringify(job));
  await writeFile(files.facilities, JSON.stringify(facilities));
  await writeFile(files.categories, JSON.stringify(categories));
  const args = [files.job, files.facilities, files.categories];
  if (screenshot)
    args.push(screenshot);
  const { stdout } = await run(probeBinary, args, {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
  });
  return JSON.parse(stdout);
}
