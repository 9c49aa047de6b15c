// The bad-input campaign (issue 14): every call of the contract sent bad
// requests of at least five kinds through serve mode's WebSocket, each
// refused with VALIDATION naming its field, and afterwards nothing made: no
// Docker request at all (so no container), no catalog row, no saved engine,
// no file; the audit log may only have gained refusals. The requests come
// from test/api/bad-requests.ts.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, type ContractClient } from '../../src-core/api/client';
import { CALL_NAMES, type CallName } from '../../src-core/api/contract';
import { RUNINFO } from '../../src-core/realm/labels';
import { badRequests } from '../api/bad-requests';
import { VALID_REQUESTS } from '../api/valid-requests';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { startServeSession } from '../support/serve-session';

const MIN_KINDS = 5;
const MIN_REQUESTS = 10;

// Where the valid requests' files are moved, with a `sub` folder that the
// path tricks go through: a trick let through would leave a file here.
const watch = mkdtempSync(join(tmpdir(), 'bad-input-'));
mkdirSync(join(watch, 'sub'));
// The core's own files: saved engines, catalog and proxy settings.
const state = mkdtempSync(join(tmpdir(), 'bad-input-state-'));

function intoWatch(value: unknown): unknown {
  if (typeof value === 'string')
    return value.startsWith('/tmp/') ? join(watch, value.slice('/tmp/'.length)) : value;
  if (Array.isArray(value)) return value.map(intoWatch);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, intoWatch(v)]));
  return value;
}

const CAMPAIGN = new Map(
  CALL_NAMES.filter((name) => name in VALID_REQUESTS).map((name) => [
    name,
    badRequests(name, intoWatch(VALID_REQUESTS[name]) as Record<string, unknown>),
  ]),
);
const TOTAL = [...CAMPAIGN.values()].reduce((sum, cases) => sum + cases.length, 0);

let session: Awaited<ReturnType<typeof startServeSession>>;
let client: ContractClient;
let before: Awaited<ReturnType<typeof snapshot>>;
let dockerCallsBefore: number;
let lastAuditId: number;

async function auditEntries() {
  return (await client.call('catalog.audit', { limit: 5000 })).entries;
}

/** What a bad request must not change. */
async function snapshot() {
  const { engines, notLoaded } = await client.call('engines.list', {});
  return {
    catalog: await client.call('catalog.info', {}),
    engines: engines.map((e) => e.id),
    notLoaded: notLoaded.map((e) => e.id),
    stateFiles: readdirSync(state).sort(),
  };
}

beforeAll(async () => {
  session = await startServeSession('bad-input', {
    enginesPath: join(state, 'engines.json'),
    catalogPath: join(state, 'catalog.db'),
    proxy: { settingsPath: join(state, 'proxy.json'), settings: embeddedProxySettings(0) },
  });
  client = session.client;
  before = await snapshot();
  lastAuditId = Math.max(0, ...(await auditEntries()).map((e) => e.id));
  dockerCallsBefore = session.env.counter.calls().length;
});

afterAll(async () => {
  await session?.close();
  rmSync(watch, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

/** Why a bad request's answer is not VALIDATION naming its field; null when it is. */
async function wrongAnswer(
  name: CallName,
  request: unknown,
  field: string,
): Promise<string | null> {
  const answer = await client.call(name, request as never).then(
    () => null,
    (error: unknown) => error,
  );
  if (!(answer instanceof ContractError)) return `accepted (${String(answer)})`;
  if (answer.code !== 'VALIDATION') return `${answer.code}: ${answer.message}`;
  if (answer.details.field !== field || !answer.message.startsWith(`${field}: `))
    return `VALIDATION on ${String(answer.details.field)}: ${answer.message}`;
  return null;
}

describe(`the bad-input campaign: ${TOTAL} bad requests over the ${CAMPAIGN.size} calls, through serve mode`, () => {
  it(`sends every call at least ${MIN_REQUESTS} bad requests of at least ${MIN_KINDS} kinds`, () => {
    expect(CALL_NAMES.filter((name) => !CAMPAIGN.has(name))).toEqual([]);
    const short = [...CAMPAIGN].filter(
      ([, cases]) =>
        cases.length < MIN_REQUESTS || new Set(cases.map((c) => c.kind)).size < MIN_KINDS,
    );
    expect(short.map(([name]) => name)).toEqual([]);
  });

  for (const [name, cases] of CAMPAIGN) {
    const kinds = [...new Set(cases.map((c) => c.kind))].sort().join(', ');
    it(`${name}: ${cases.length} refused (${kinds})`, async () => {
      const dockerCalls = session.env.counter.calls().length;
      const wrong: string[] = [];
      for (const c of cases) {
        const why = await wrongAnswer(name, c.request, c.field);
        if (why) wrong.push(`${c.kind}, ${JSON.stringify(c.what)}: ${why}`);
      }
      expect(wrong).toEqual([]);
      expect(session.env.counter.calls().slice(dockerCalls)).toEqual([]);
    });
  }

  it('made nothing: no Docker request or container, no catalog row, no saved engine, no file; audited only refusals', async () => {
    expect(session.env.counter.calls().slice(dockerCallsBefore)).toEqual([]);
    const containers = await session.env.docker.listContainers({
      all: true,
      filters: { label: [`${RUNINFO.realm}=${session.env.realm}`] },
    });
    expect(containers).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // The catalog audits a change it refuses itself (a policy's volume, the home template).
    const audited = (await auditEntries()).filter((e) => e.id > lastAuditId);
    expect(audited.filter((e) => e.result !== 'error')).toEqual([]);
    expect(before.stateFiles).not.toContain('engines.json');
    expect(readdirSync(watch)).toEqual(['sub']);
    expect(readdirSync(join(watch, 'sub'))).toEqual([]);
    console.log(`bad-input campaign: ${TOTAL} bad requests over ${CAMPAIGN.size} calls refused`);
  });
});
