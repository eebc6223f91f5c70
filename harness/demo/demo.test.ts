/** The demos show what they claim: each is run with a capturing `out`, and its key facts are checked. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findRedisServer } from '../../lib/redis-server.js';
import { needBinary } from '../../lib/system-binary.js';
import { root } from '../registry.js';
import { demos, findDemo } from './demos.js';
import { count } from './format.js';

/** Runs the demo called `name`; returns its lines, without colour. */
async function output(name: string): Promise<string[]> {
  const lines: string[] = [];
  await findDemo(name)!.run((line) => lines.push(stripVTControlCharacters(line)));
  return lines;
}

/** The one line that matches `pattern`, matched. */
function line(lines: string[], pattern: RegExp): RegExpMatchArray {
  const found = lines.map((l) => l.match(pattern)).filter((m) => m !== null);
  expect(found, `one line matching ${pattern}`).toHaveLength(1);
  return found[0]!;
}

/** "1,234" -> 1234. */
function int(text: string | undefined): number {
  return Number(text!.replaceAll(',', ''));
}

describe('demo cache-aside', () => {
  it('replays the chapter\'s six steps: the textbook version ends stale, the reference consistent', async () => {
    const lines = await output('cache-aside');
    const text = lines.join('\n');
    const [textbook, reference] = text.split(/^Reference CacheAside.*$/m) as [string, string];
    const steps = (section: string): string[] => [...section.matchAll(/^\s+\d\. ([RW] {2}\S+)/gm)].map((m) => m[1]!);
    expect(steps(textbook)).toEqual([
      'R  cache.get("a")',
      'R  db.get("a")',
      'W  db.set("a",',
      'W  cache.delete("a")',
      'R  db.get("a")',
      'R  cache.set("a",',
    ]);
    expect(textbook).toMatch(/cache\.set\("a", 1\)/);
    expect(textbook).toMatch(/end: cache a = 1, db a = 2: STALE\. The next get returns 1/);
    // The update waits for the reader's fill: the writer's calls come last.
    expect(steps(reference)).toEqual([
      'R  cache.get("a")',
      'R  db.get("a")',
      'R  db.get("a")',
      'R  cache.set("a",',
      'W  db.set("a",',
      'W  cache.delete("a")',
    ]);
    expect(reference).toContain('waits: R holds the lock');
    expect(reference).toMatch(/end: cache a = \(none\), db a = 2: consistent\. The next get returns 2\./);
  });
});

describe('demo write-behind', () => {
  it('batches the writes, and loses acknowledged writes in a crash unless flushed first', async () => {
    const lines = await output('write-behind');
    const row = (pattern: string): { perSecond: number; commits: number; rows: number } => {
      const m = line(lines, new RegExp(`^\\s+${pattern}\\s+\\d+ ms\\s+([\\d.]+)( k| M)?\\s+([\\d,]+)\\s+([\\d,]+)$`));
      return { perSecond: Number(m[1]) * (m[2] === ' k' ? 1e3 : m[2] === ' M' ? 1e6 : 1), commits: int(m[3]), rows: int(m[4]) };
    };
    const through = row('write-through');
    const behind = row('write-behind');
    expect(through).toMatchObject({ commits: 5000, rows: 5000 });
    expect(behind.commits).toBeLessThanOrEqual(50);
    // 5,000 writes to 500 keys: coalescing writes some keys once for several writes.
    expect(behind.rows).toBeLessThan(5000);
    expect(behind.perSecond).toBeGreaterThan(through.perSecond);

    const crash = line(lines, /without flush\(\):\s+(\d+) of (\d+) rows there, (\d+) LOST \(pending at the crash: (\d+)\)/);
    const [survived, acknowledged, lost, pending] = crash.slice(1).map(int) as [number, number, number, number];
    expect(lost).toBeGreaterThan(0);
    expect(survived + lost).toBe(acknowledged);
    expect(pending).toBe(lost);
    const flushed = line(lines, /after await flush\(\):\s+(\d+) of (\d+) rows there, 0 lost/);
    expect(flushed[1]).toBe(flushed[2]);
  });
});

describe('demo stampede', () => {
  it('counts 1,000 database reads without single-flight and 1 with it', async () => {
    const lines = await output('stampede');
    expect(line(lines, /textbook get-or-load\s+([\d,]+) database reads/)[1]).toBe('1,000');
    expect(line(lines, /SingleFlightCache \(reference\)\s+(\d+) database read\b/)[1]).toBe('1');

    const traffic = (name: string): { reads: number; waited: number; stale: number } => {
      const m = line(lines, new RegExp(`^\\s+${name}\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)$`));
      return { reads: int(m[1]), waited: int(m[2]), stale: int(m[3]) };
    };
    // Two expiries in 3 s, each a 50 ms window of one request per ms.
    expect(traffic('textbook TTL cache')).toEqual({ reads: 100, waited: 100, stale: 0 });
    expect(traffic('SingleFlightCache')).toEqual({ reads: 2, waited: 100, stale: 0 });
    const xfetch = traffic('XFetchCache \\(beta 1\\)');
    expect(xfetch.stale).toBe(0);
    expect(xfetch.waited).toBeLessThan(100);
    expect(xfetch.waited).toBeGreaterThanOrEqual(xfetch.reads);
    const early = line(lines, /XFetch: (\d+) of (\d+) reads began before expiry/);
    expect(int(early[1])).toBeGreaterThan(0);
    expect(int(early[2])).toBe(xfetch.reads);
    const swr = traffic('StaleWhileRevalidateCache \\(\\+500 ms stale\\)');
    expect(swr.waited).toBe(0);
    expect(swr.stale).toBeGreaterThan(0);
  });

  it('prints the same numbers every time (simulated time, seeded random)', async () => {
    expect(await output('stampede')).toEqual(await output('stampede'));
  });
});

describe('demo ring', () => {
  it('spreads the keys evenly, moves only what it must, and shows the ring evening out with more virtual nodes', async () => {
    const lines = await output('ring');
    const schemes = ['ring \\(150 vnodes\\)', 'jump', 'rendezvous'];
    const n = '([\\d,]+)';
    const pct = '([\\d.]+)%';

    for (const scheme of schemes) {
      const loadRow = line(lines, new RegExp(`^\\s+${scheme}\\s+${n}\\s+${n}\\s+([\\d.]+)\\s+${pct}$`));
      const [min, max] = [int(loadRow[1]), int(loadRow[2])];
      expect(min).toBeLessThanOrEqual(10_000);
      expect(max).toBeGreaterThanOrEqual(10_000);
      expect(Number(loadRow[3])).toBeCloseTo(max / 10_000, 3);
      // 150 points per node leave the ring's arcs uneven; jump and rendezvous are as even as chance.
      expect(Number(loadRow[3])).toBeLessThan(scheme === 'jump' || scheme === 'rendezvous' ? 1.05 : 1.35);

      // 10 -> 11 nodes: about 1/11 of the keys move, every one of them to node-10.
      const addRow = line(lines, new RegExp(`^\\s+${scheme}\\s+${n}\\s+${pct}\\s+${n}\\s+${n}$`));
      const moved = int(addRow[1]);
      expect(moved / 100_000).toBeGreaterThan(0.06);
      expect(moved / 100_000).toBeLessThan(0.12);
      expect(int(addRow[3])).toBe(moved);
      expect(int(addRow[4])).toBe(0);
    }

    /** A row of the removal table: the removed node's keys, the keys moved, and how many of them were its. */
    const removal = (name: string): { node: string; own: number; moved: number; fromIt: number; others: number } => {
      const m = line(lines, new RegExp(`^\\s+${name}\\s+(node-\\d)\\s+${n}\\s+${n}\\s+${pct}\\s+${n}\\s+${n}$`));
      return { node: m[1]!, own: int(m[2]), moved: int(m[3]), fromIt: int(m[5]), others: int(m[6]) };
    };
    for (const name of ['ring \\(150 vnodes\\)', 'rendezvous', 'jump, last bucket \\(node-9\\)']) {
      const r = removal(name);
      expect(r.own).toBeGreaterThan(0);
      expect(r).toMatchObject({ moved: r.own, fromIt: r.own, others: 0 });
    }
    expect(removal('jump, last bucket \\(node-9\\)').node).toBe('node-9');
    // Taking a middle node out of jump's list renumbers the nodes after it: far more keys move.
    const renumbered = removal('jump, node-3 taken out of the list');
    expect(renumbered.fromIt).toBe(renumbered.own);
    expect(renumbered.others).toBeGreaterThan(renumbered.own);

    for (const scheme of schemes) line(lines, new RegExp(`^\\s+${scheme}\\s+\\d+ ns\\s+\\S`));

    // The average over 20 clusters evens out as virtual nodes are added, as in the research notes.
    const balance = [1, 10, 100, 150, 1000].map((v) => {
      const m = line(lines, new RegExp(`^\\s+${count(v)}\\s+([\\d.]+)\\s+${pct}\\s+([\\d.]+)\\s+${pct}\\s+${pct}`));
      return { maxOverMean: Number(m[3]), deviation: Number(m[4]) / 100, expected: Number(m[5]) / 100 };
    });
    for (let i = 1; i < balance.length; i++) {
      expect(balance[i]!.maxOverMean).toBeLessThan(balance[i - 1]!.maxOverMean);
      expect(balance[i]!.deviation).toBeLessThan(balance[i - 1]!.deviation);
    }
    for (const b of balance) expect(b.deviation / b.expected).toBeGreaterThan(0.6);
    for (const b of balance) expect(b.deviation / b.expected).toBeLessThan(1.3);
  }, 60_000);
});

describe('demo multi-level', () => {
  it.runIf(needBinary('redis-server', findRedisServer(), 'apt-get install -y redis-server'))(
    'answers every get at exactly one level, and a second instance finds the shared L2 warm',
    async () => {
      const lines = await output('multi-level');
      const tables = lines.filter((l) => /^\s+L[123] \(/.test(l)).map((l) => l.trim().split(/\s{2,}/));
      expect(tables).toHaveLength(6);
      const gets = tables.map((row) => int(row[1]));
      expect(gets[0]! + gets[1]! + gets[2]!).toBe(20_000);
      expect(gets[3]! + gets[4]! + gets[5]!).toBe(20_000);
      // Cold: some gets reach SQLite; after a deploy, the shared L2 answers every L1 miss.
      expect(gets[2]).toBeGreaterThan(0);
      expect(gets[5]).toBe(0);
      expect(gets[4]).toBeGreaterThan(gets[1]!);
    },
    60_000,
  );
});

describe('demo secure', () => {
  it('shows the sanitiser leaking, tampering refused, repeated IVs, and rotation', async () => {
    const lines = await output('secure');
    const [, users, keys, sharing] = line(lines, /([\d,]+) distinct user names -> ([\d,]+) storage keys: ([\d,]+) users share/);
    expect(int(keys)).toBeLessThan(int(users));
    expect(int(sharing)).toBeGreaterThan(0);
    expect(line(lines, /textbook: alice\.smith saves/).input).toContain('{"address":"12 Private Lane"}');
    expect(line(lines, /reference: alice_smith reads/).input).toMatch(/gets undefined$/);
    expect(line(lines, /one bit flipped/).input).toMatch(/get -> undefined; entry still stored: false/);
    expect(line(lines, /copied over bob's/).input).toMatch(/-> undefined/);
    expect(line(lines, /^\s+rejected: (\d+)/)[1]).toBe('2');
    expect(line(lines, /identical: reference (\w+), textbook (\w+)/).slice(1)).toEqual(['false', 'true']);
    expect(line(lines, /with keys \[1, 2\]/).input).toContain('"written under key 1"');
    expect(line(lines, /key 1 retired/).input).toMatch(/report:2025 -> undefined \(unknown-key\), report:2026 -> "written under key 2"/);
  });
});

describe('demo warming', () => {
  it('keeps bulk warming within its limits, finds the hot keys, and runs cron schedules at their times', async () => {
    const lines = await output('warming');
    expect(lines.filter((l) => /^\s+\[[#.]{30}\]/.test(l))).toHaveLength(4);
    const [, warmed, absent, failed] = line(lines, /done in [\d.]+ s: ([\d,]+) warmed, ([\d,]+) absent, ([\d,]+) failed/);
    expect(int(warmed) + int(absent) + int(failed)).toBe(10_000);
    const seconds = lines.filter((l) => /^\s+\d+\s+\d+\s+\d+$/.test(l)).map((l) => l.trim().split(/\s+/).map(Number));
    expect(seconds.length).toBeGreaterThanOrEqual(4);
    for (const [, started, atOnce] of seconds) {
      expect(started).toBeLessThanOrEqual(25);
      expect(atOnce).toBeLessThanOrEqual(4);
    }
    expect(Number(line(lines, /most requests started in any 1,000 ms: (\d+)/)[1])).toBeLessThanOrEqual(25);
    expect(Number(line(lines, /tracked: (\d+) keys/)[1])).toBeLessThanOrEqual(100);
    expect(line(lines, /warm\(20\) again: (\d+) warmed, (\d+) already cached/).slice(1)).toEqual(['0', '20']);
    expect(line(lines, /homepage .*: ([\d,]+) runs: (\S+ \S+),/).slice(1)).toEqual(['72', '11-30 09:00']);
    expect(line(lines, /daily-deals .*: ([\d,]+) runs/)[1]).toBe('2');
    expect(line(lines, /after close\(\): (\d+) timers left/)[1]).toBe('0');
  }, 60_000);
});

describe('npm run demo', () => {
  /** Runs the command line with `args`, without colour. */
  function cli(...args: string[]): { code: number; out: string; err: string } {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'harness', 'demo', 'main.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
  }

  it('lists the demos, one line each, with no name or --help', () => {
    for (const args of [[], ['--help']]) {
      const { code, out } = cli(...args);
      expect(code).toBe(0);
      for (const demo of demos) expect(out).toMatch(new RegExp(`^ +${demo.name} +${demo.title.replace(/[()]/g, '\\$&')}$`, 'm'));
    }
  });

  it('exits 2 with the list for an unknown demo or a stray argument', () => {
    const messages = ['Unknown demo "nope"', 'Unexpected argument "extra"', "Unknown option '--bogus'"];
    for (const [i, args] of [['nope'], ['stampede', 'extra'], ['--bogus']].entries()) {
      const { code, err } = cli(...args);
      expect(code).toBe(2);
      expect(err).toContain(messages[i]);
      for (const demo of demos) expect(err).toContain(demo.name);
    }
  });

  it('runs a demo by name', () => {
    const { code, out } = cli('cache-aside');
    expect(code).toBe(0);
    expect(out).toContain('STALE');
  });
});
