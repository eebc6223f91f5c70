/** The properties of compression: a compressing cache over a byte store, with a checked format. */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type ImplModule, type Suite } from '../grade/suite.js';
import { GradeFailure, LearnerThrew, type Trace } from '../grade/trace.js';
import { describeError } from './async-calls.js';
import { brief, expectedBack, hex, jsonEqual, rawPayloadAt, serialised, Session, StoreFailure, type Settings, type Stats } from './compression-world.js';

type Codec = NonNullable<Settings['codec']>;
const CODECS: readonly Codec[] = ['deflate', 'gzip', 'brotli'];

// ── Values ───────────────────────────────────────────────────────────────────────────────────

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** Values that break naive implementations. */
const NASTY: readonly unknown[] = [
  '',
  '\u{1F600}',
  'e\u0301',
  '\ud800',
  'a\udc00b\ud83d',
  '\u2028\u2029\u0000"\\',
  -0,
  [0, -0, 0.1, 1e21, 5e-324, -1.7976931348623157e308],
  JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown,
  JSON.parse('[{"__proto__":[1,2]}]') as unknown,
  { '': '', ' ': [], constructor: 'c', toString: null },
  nested(1000, 0, (inner) => [inner]),
  nested(1000, 'leaf', (inner) => ({ a: inner })),
  'x'.repeat(100_000),
  '\u00e9\u{1F600}'.repeat(2000),
  '123',
  'null',
  '"quoted"',
];

/** A short piece of text, any code point (multibyte and lone surrogates included). */
const unit = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.constantFrom('é', '\u{1F600}', 'ab', '€x'));

/** Text repeated (or a small value repeated in an array) until its JSON is more than `atLeast` bytes. */
function repeated(atLeast: number): fc.Arbitrary<unknown> {
  const small = fc.jsonValue({ maxDepth: 1 }).filter((v) => serialised(v).length <= 48);
  return fc.oneof(
    unit.map((u) => {
      let s = u.repeat(Math.max(1, Math.floor(atLeast / Math.max(1, serialised(u).length - 2))));
      while (serialised(s).length <= atLeast) s += u;
      return s;
    }),
    small.map((v) => {
      const a: unknown[] = Array.from({ length: Math.max(1, Math.floor(atLeast / (serialised(v).length + 1))) }, () => v);
      while (serialised(a).length <= atLeast) a.push(v);
      return a;
    }),
  );
}

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }).chain(repeated) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
);

const codecArb = fc.constantFrom<Codec | undefined>(undefined, ...CODECS);
const thresholdArb = fc.oneof(fc.constantFrom(undefined, 0, 1, 16, 1024, Number.MAX_SAFE_INTEGER), fc.nat({ max: 2000 }));

// ── Shared checks ────────────────────────────────────────────────────────────────────────────

/** get(key) must give back `value` (as JSON.parse(JSON.stringify(value))). */
async function expectBack(session: Session, key: string, value: unknown, why: string): Promise<void> {
  const got = await session.get(key);
  const expected = expectedBack(value);
  if (!jsonEqual(got, expected)) session.trace.fail(`expected ${brief(expected)} (${why}), got ${brief(got)}`);
}

async function run(impl: ImplModule, settings: Settings, body: (session: Session) => Promise<void>, note = ''): Promise<void> {
  const session = new Session();
  session.create(impl, settings, note);
  await body(session);
}

// ── Validation ───────────────────────────────────────────────────────────────────────────────

class Point {
  x = 1;
}
const cycle: Record<string, unknown> = { a: 1 };
cycle.self = cycle;
const deepCycle: unknown[] = [[]];
(deepCycle[0] as unknown[]).push(deepCycle);

/** Values that are not JSON values, with how a trace shows them. */
const BAD_VALUES: readonly [string, unknown][] = [
  ['undefined', undefined],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['10n', 10n],
  ['() => 1', () => 1],
  ['Symbol("s")', Symbol('s')],
  ['new Date(0)', new Date(0)],
  ['new Map([[1, 2]])', new Map([[1, 2]])],
  ['new Set()', new Set()],
  ['new Point()', new Point()],
  ['new String("x")', new String('x')],
  ['new Uint8Array(2)', new Uint8Array(2)],
  ['a cycle: { a: 1, self: <itself> }', cycle],
  ['a cycle: [[<the outer array>]]', deepCycle],
  ['[1, NaN]', [1, NaN]],
  ['[undefined]', [undefined]],
  ['{ a: undefined }', { a: undefined }],
  ['{ when: new Date(0) }', { when: new Date(0) }],
  ['{ deep: [{ f: () => 1 }] }', { deep: [{ f: () => 1 }] }],
  ['{ toJSON: () => 1 }', { toJSON: () => 1 }],
  ['[[[Infinity]]]', [[[Infinity]]]],
];

/** Bad calls on a working instance: label, the argument the message must name, and the call. */
const BAD_CALLS: readonly [string, string, (c: Session['cache']) => unknown][] = [
  ...BAD_VALUES.map(([label, value]): [string, string, (c: Session['cache']) => unknown] => [`set("a", ${label})`, 'value', (c) => c.set('a', value)]),
  ['set(7, 1)', 'key', (c) => c.set(7 as unknown as string, 1)],
  ['set("a", 2, 0)', 'ttlMs', (c) => c.set('a', 2, 0)],
  ['set("a", 2, -5)', 'ttlMs', (c) => c.set('a', 2, -5)],
  ['set("a", 2, NaN)', 'ttlMs', (c) => c.set('a', 2, NaN)],
  ['set("a", 2, "100")', 'ttlMs', (c) => c.set('a', 2, '100' as unknown as number)],
  ['get(5)', 'key', (c) => c.get(5 as unknown as string)],
  ['delete(null)', 'key', (c) => c.delete(null as unknown as string)],
];

/** Bad constructor options: label, the name the message must mention, the options (undefined: none at all). */
const BAD_OPTIONS: readonly [string, string, Record<string, unknown> | null | undefined][] = [
  ['new CompressedCache()', 'options', undefined],
  ['new CompressedCache(null)', 'options', null],
  ['new CompressedCache({ store: {} })', 'store', { store: {} }],
  ['new CompressedCache({ store, thresholdBytes: -1 })', 'thresholdBytes', { thresholdBytes: -1 }],
  ['new CompressedCache({ store, thresholdBytes: 1.5 })', 'thresholdBytes', { thresholdBytes: 1.5 }],
  ['new CompressedCache({ store, thresholdBytes: NaN })', 'thresholdBytes', { thresholdBytes: NaN }],
  ['new CompressedCache({ store, thresholdBytes: Infinity })', 'thresholdBytes', { thresholdBytes: Infinity }],
  ['new CompressedCache({ store, thresholdBytes: "1024" })', 'thresholdBytes', { thresholdBytes: '1024' }],
  ['new CompressedCache({ store, codec: "zstd" })', 'codec', { codec: 'zstd' }],
  ['new CompressedCache({ store, codec: "Deflate" })', 'codec', { codec: 'Deflate' }],
  ['new CompressedCache({ store, onCorrupt: "log" })', 'onCorrupt', { onCorrupt: 'log' }],
];

/** Runs a call that must throw, or reject with, a TypeError or RangeError whose message names `name`. */
async function expectRefused(session: Session, label: string, name: string, fn: () => unknown): Promise<void> {
  const trace: Trace = session.trace;
  trace.add(label);
  let error: unknown;
  let threw = false;
  try {
    const result = fn();
    if (result !== null && typeof (result as { then?: unknown } | undefined)?.then === 'function') await result;
  } catch (e) {
    if (e instanceof GradeFailure) throw e;
    threw = true;
    error = e;
  }
  if (!threw) trace.fail(`expected a TypeError or RangeError naming ${name}, got none`);
  if (!(error instanceof TypeError || error instanceof RangeError)) {
    if (error instanceof Error && /^Not implemented\b/i.test(error.message)) throw new LearnerThrew(trace, label, error);
    trace.fail(`expected a TypeError or RangeError naming ${name}, got ${describeError(error)}`);
  }
  if (!error.message.includes(name)) trace.fail(`expected the error message to name ${name}, got ${describeError(error)}`);
  trace.steps.at(-1)!.result = `${error.name} ✓`;
}

type CacheClass = new (options?: unknown) => unknown;

const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments (any value that is not a JSON value, at any depth) are refused with a TypeError or RangeError naming the argument, and change nothing',
  hint: 'Check every argument before doing anything. For the value, walk it: null, booleans, strings and finite numbers are fine; arrays and objects whose prototype is Object.prototype are walked (keep the objects on the current path in a Set to catch a cycle); anything else throws new TypeError("… value …"). JSON.stringify alone is not a check: it turns NaN into null and drops undefined.',
  runs: 3,
  build: (impl) =>
    fc.asyncProperty(fc.constantFrom<unknown>(1, 'kept', { a: [1, 2] }), async (kept) => {
      for (const [label, name, options] of BAD_OPTIONS) {
        const session = new Session();
        const cls = exported<CacheClass>(impl, 'CompressedCache');
        const full = options === undefined || options === null ? options : { store: session.store, ...options };
        await expectRefused(session, label, name, () => (options === undefined ? new cls() : new cls(full)));
      }
      for (const [label, name, call] of BAD_CALLS) {
        const session = new Session();
        session.create(impl, { thresholdBytes: 0 });
        await session.set('a', kept);
        const before = session.store.entries.get('a')!;
        const storedBefore = before.length;
        await expectRefused(session, label, name, () => call(session.cache));
        const after = session.store.entries.get('a');
        if (session.store.entries.size !== 1 || after === undefined || after.length !== storedBefore || after.some((b, i) => b !== before[i])) {
          session.trace.fail(`the refused call changed the store: it holds ${[...session.store.entries].map(([k, v]) => `${show(k)}: ${hex(v)}`).join(', ')}, before it held "a": ${hex(before)}`);
        }
        await expectBack(session, 'a', kept, 'the refused call must not change it');
        session.expectStats({ entries: 1, rawBytes: serialised(kept).length, storedBytes: storedBefore }, 'the refused call changed nothing');
      }
    }),
});

// ── Round trip and format ────────────────────────────────────────────────────────────────────

const roundTrip = checked({
  id: 'round-trip',
  statement: 'get returns exactly the JSON value that was set (-0 as 0): any unicode, "__proto__" keys, deep nesting, large values, with every threshold and codec',
  hint: 'Serialise with JSON.stringify, encode with new TextEncoder().encode(json), decode with new TextDecoder().decode(bytes) and JSON.parse. Mind that the store may give you a Uint8Array that is a view into a larger buffer: use bytes.byteOffset and bytes.byteLength (or Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), never bytes.buffer alone.',
  runs: 40,
  build: (impl) =>
    fc.asyncProperty(codecArb, thresholdArb, fc.boolean(), fc.array(anyValue, { minLength: 1, maxLength: 4 }), async (codec, thresholdBytes, views, values) => {
      await run(
        impl,
        { thresholdBytes, codec },
        async (session) => {
          session.store.views = views;
          for (const [i, value] of values.entries()) await session.set(`k${i}`, value);
          for (const [i, value] of values.entries()) await expectBack(session, `k${i}`, value, `set at step ${2 + i}`);
          const got = await session.get('never-set');
          if (got !== undefined) session.trace.fail(`expected undefined (never set), got ${brief(got)}`);
          session.expectReported('', 0, 0, 'nothing was corrupt');
        },
        views ? ' (the store hands back views at offset 3 of larger buffers)' : '',
      );
    }),
});

const rawBelowThreshold = checked({
  id: 'raw-below-threshold',
  statement: 'a value whose JSON is at most thresholdBytes UTF-8 bytes is stored raw: its JSON bytes as they are, after a header of at most 16 bytes',
  hint: 'Compare the size in BYTES, after encoding: new TextEncoder().encode(json).length, not json.length ("é" is 1 character but 2 bytes). Compress only when bytes.length > thresholdBytes (strictly greater); at or below it, write header + the bytes themselves.',
  runs: 80,
  build: (impl) =>
    fc.asyncProperty(
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 0, max: 1500 }).chain(repeated)),
      fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.constant('default' as const)),
      codecArb,
      async (value, slack, codec) => {
        const json = serialised(value);
        const thresholdBytes = slack === 'default' && json.length <= 1024 ? undefined : json.length + (slack === 'default' ? 0 : slack);
        await run(impl, { thresholdBytes, codec }, async (session) => {
          await session.set('a', value);
          const stored = session.peek('a');
            if (rawPayloadAt(stored, json) === undefined) {
            session.trace.fail(`expected the ${json.length} JSON bytes as they are after a header of at most 16 bytes (${json.length} <= thresholdBytes ${thresholdBytes ?? 1024}), got ${hex(stored)}`);
          }
          await expectBack(session, 'a', value, 'set at step 2');
        });
      },
    ),
});

const compressedWhenSmaller = checked({
  id: 'compressed-when-smaller',
  statement: 'a highly compressible value above thresholdBytes (the default is 1024) is stored in less than half its JSON size, with every codec',
  hint: 'Above the threshold, compress the UTF-8 bytes with the codec (zlib.deflateSync, gzipSync, or brotliCompressSync with a moderate quality) and store header + compressed bytes when that is smaller. Measure the threshold in bytes (TextEncoder), not in string length.',
  runs: 25,
  build: (impl) =>
    fc.asyncProperty(
      fc.oneof(fc.constant(undefined), fc.nat({ max: 2000 })).chain((t) => repeated(Math.max(t ?? 1024, 300)).map((value) => [t, value] as const)),
      async ([thresholdBytes, value]) => {
        const json = serialised(value);
        for (const codec of [undefined, ...CODECS]) {
          await run(impl, { thresholdBytes, codec }, async (session) => {
            await session.set('a', value);
            const stored = session.peek('a');
                if (stored.length * 2 >= json.length) {
              session.trace.fail(`expected fewer than ${Math.ceil(json.length / 2)} bytes (the value is ${json.length} bytes of JSON, above thresholdBytes ${thresholdBytes ?? 1024}, and compresses well), got ${stored.length}`);
            }
            await expectBack(session, 'a', value, 'set at step 2');
          });
        }
      },
    ),
});

const neverLarger = checked({
  id: 'never-larger',
  statement: 'a value that does not compress (short random text) is stored in at most 16 bytes more than its JSON, whatever the codec: compressed only when that is smaller',
  hint: 'Compression has a cost: a gzip stream alone adds 18 bytes. After compressing, compare: if the compressed entry is not smaller than the raw one would be, store the raw one instead.',
  runs: 40,
  build: (impl) =>
    fc.asyncProperty(fc.oneof(fc.base64String({ minLength: 1, maxLength: 60 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })), fc.nat(), async (value, t) => {
      const json = serialised(value);
      const thresholdBytes = t % json.length;
      for (const codec of CODECS) {
        await run(impl, { thresholdBytes, codec }, async (session) => {
          await session.set('a', value);
          const stored = session.peek('a');
            if (stored.length > json.length + 16) session.trace.fail(`expected at most ${json.length + 16} bytes (its JSON is ${json.length} bytes, and a header at most 16), got ${stored.length}`);
          await expectBack(session, 'a', value, 'set at step 2');
        });
      }
    }),
});

const DECODERS: Record<Codec, ((b: Uint8Array, o: { maxOutputLength: number }) => Uint8Array)[]> = {
  deflate: [inflateSync, inflateRawSync],
  gzip: [gunzipSync],
  brotli: [brotliDecompressSync],
};

/** Whether, after some header of at most 16 bytes, `stored` is `codec`'s compression of `json`. */
function compressedWith(codec: Codec, stored: Uint8Array, json: Uint8Array): boolean {
  for (let header = 0; header <= 16 && header < stored.length; header++) {
    for (const decode of DECODERS[codec]) {
      try {
        const out = decode(stored.subarray(header), { maxOutputLength: json.length + 1 });
        if (out.length === json.length && out.every((b, i) => b === json[i])) return true;
      } catch {
        // Not at this offset.
      }
    }
  }
  return false;
}

const codecs = checked({
  id: 'codecs',
  statement: 'each codec is really used: after the header, a compressed entry is the output of deflateSync, gzipSync or brotliCompressSync as chosen',
  hint: 'Switch on options.codec: deflateSync for "deflate", gzipSync for "gzip", brotliCompressSync for "brotli"; write the codec in the header so get knows which one to undo.',
  runs: 6,
  build: (impl) =>
    fc.asyncProperty(fc.integer({ min: 300, max: 3000 }).chain(repeated), async (value) => {
      const json = serialised(value);
      for (const codec of CODECS) {
        await run(impl, { thresholdBytes: 0, codec }, async (session) => {
          await session.set('a', value);
          const stored = session.peek('a');
            if (!compressedWith(codec, stored, json)) session.trace.fail(`expected header (at most 16 bytes) + the ${codec} compression of the ${json.length} JSON bytes, got ${hex(stored)}`);
        });
      }
    }),
});

/** Strings that look like stored entries or like serialised JSON. */
function lookalikes(stored: Uint8Array, value: unknown): string[] {
  const latin1 = String.fromCharCode(...stored.subarray(0, 4000));
  const utf8 = new TextDecoder().decode(stored.subarray(0, 4000));
  return [JSON.stringify(value), latin1, utf8, latin1.slice(0, 17), '123', 'true', 'null', '{}', 'compressed:x', '\u0000', '\u0001\u0002', '\u001f\u008b', 'x\u009c'];
}

const unambiguous = checked({
  id: 'unambiguous',
  statement: 'no value can pass for another: strings that look like JSON or like another entry\'s stored bytes come back as themselves, and an entry copied to another key reads as its value (or as a miss)',
  hint: 'Serialise every value, strings included, with JSON.stringify (a string is stored with its quotes), and write a format tag in the header of raw entries too, so that get never guesses from the content.',
  runs: 30,
  build: (impl) =>
    fc.asyncProperty(anyValue, codecArb, fc.constantFrom(0, 16, 1024), async (value, codec, thresholdBytes) => {
      await run(impl, { thresholdBytes, codec }, async (session) => {
        await session.set('a', value);
        const stored = session.peek('a');
        for (const [i, s] of lookalikes(stored, value).entries()) {
          await session.set(`b${i}`, s);
          await expectBack(session, `b${i}`, s, `set at step ${session.trace.current}`);
        }
        session.trace.add('(the grader copies store["a"] to store["copy"])');
        session.store.entries.set('copy', stored.slice());
        const since = session.corrupt.length;
        const got = await session.get('copy');
        if (got === undefined) session.expectReported('copy', since, 1, 'a miss for an entry in the store means it was corrupt');
        else if (!jsonEqual(got, expectedBack(value))) session.trace.fail(`expected ${brief(expectedBack(value))} (the value of "a") or undefined, got ${brief(got)}`);
      });
    }),
});

// ── Corruption ───────────────────────────────────────────────────────────────────────────────

type Tamper =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; byte: number }
  | { kind: 'replace'; bytes: Uint8Array };

const tamperArb: fc.Arbitrary<Tamper> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('append' as const), byte: fc.nat({ max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), bytes: fc.uint8Array({ maxLength: 40 }) }) },
);

function tamper(bytes: Uint8Array, t: Tamper): { bytes: Uint8Array; label: string } {
  if (bytes.length === 0 && t.kind !== 'replace') return { bytes: Uint8Array.of(0), label: 'replaces it with 1 byte: 00' };
  switch (t.kind) {
    case 'flip': {
      const at = t.at % bytes.length;
      const out = bytes.slice();
      out[at]! ^= t.mask;
      return { bytes: out, label: `flips byte ${at} (0x${bytes[at]!.toString(16).padStart(2, '0')} → 0x${out[at]!.toString(16).padStart(2, '0')})` };
    }
    case 'truncate': {
      const at = t.at % bytes.length;
      return { bytes: bytes.slice(0, at), label: `cuts it to its first ${at} bytes` };
    }
    case 'append':
      return { bytes: Uint8Array.of(...bytes, t.byte), label: `appends a byte 0x${t.byte.toString(16).padStart(2, '0')}` };
    case 'replace':
      return { bytes: t.bytes, label: `replaces it with ${hex(t.bytes)}` };
  }
}

const corruption = checked({
  id: 'corruption',
  statement: 'a changed entry (a flipped byte, a truncation, foreign bytes) is never read as another value: get gives the original value, or undefined after deleting the entry and calling onCorrupt',
  hint: 'Put a checksum of the serialised bytes in the header (zlib.crc32) and check it after decompressing. Wrap the whole decoding (header, decompression, checksum, JSON.parse) in try/catch: on any failure, await store.delete(key), call onCorrupt(key, error) and return undefined.',
  runs: 150,
  build: (impl) =>
    fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 1500 }).chain(repeated)), codecArb, fc.constantFrom(0, 16, 1024), tamperArb, async (value, codec, thresholdBytes, t) => {
      await run(impl, { thresholdBytes, codec }, async (session) => {
        await session.set('a', value);
        const stored = session.peek('a');
        const changed = tamper(stored, t);
        session.trace.add(`(the grader changes store["a"]: it ${changed.label})`);
        session.store.entries.set('a', changed.bytes);
        const got = await session.get('a');
        const expected = expectedBack(value);
        if (got === undefined) {
          session.expectReported('a', 0, 1, 'get found the entry corrupt');
          if (session.store.entries.has('a')) session.trace.fail('expected the corrupt entry to be deleted from the store, but it is still there');
          const again = await session.get('a');
          if (again !== undefined) session.trace.fail(`expected undefined (the corrupt entry was deleted), got ${brief(again)}`);
        } else if (!jsonEqual(got, expected)) {
          session.trace.fail(`expected ${brief(expected)} (what was set) or undefined (the entry is corrupt), got ${brief(got)}`);
        }
      });
    }),
});

// ── Stats ────────────────────────────────────────────────────────────────────────────────────

type Op =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'get' | 'delete' | 'evict' | 'garble'; key: string };

const KEYS = ['a', 'b', 'c'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...KEYS), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 400 }).chain(repeated)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('get' as const), key: fc.constantFrom(...KEYS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'evict' as const, 'garble' as const), key: fc.constantFrom(...KEYS) }) },
);

const accounting = checked({
  id: 'accounting',
  statement: 'stats count this instance\'s entries: how many, the sum of their JSON sizes in bytes and of their stored sizes (header included), through overwrites, deletes, and entries found missing or corrupt',
  hint: 'Keep a Map from key to { rawBytes, storedBytes } of what you wrote, and totals. On set, once the store has it, subtract the key\'s old sizes (if any) and add the new ones: storedBytes is the length of the bytes you stored, not of the JSON. On delete, and on a get that finds nothing or a corrupt entry, subtract them.',
  runs: 80,
  build: (impl) =>
    fc.asyncProperty(fc.constantFrom(0, 64, 1024), codecArb, fc.array(opArb, { minLength: 1, maxLength: 14 }), async (thresholdBytes, codec, ops) => {
      await run(impl, { thresholdBytes, codec }, async (session) => {
        // The model: what this instance wrote, and what the store holds.
        const counted = new Map<string, { raw: number; stored: number; setAt: number }>();
        const values = new Map<string, unknown>();
        const totals = (): Stats => {
          const list = [...counted.values()];
          return { entries: list.length, rawBytes: list.reduce((s, e) => s + e.raw, 0), storedBytes: list.reduce((s, e) => s + e.stored, 0) };
        };
        for (const op of ops) {
          let why: string;
          if (op.kind === 'set') {
            await session.set(op.key, op.value);
            const stored = session.stored(op.key);
                values.set(op.key, op.value);
            counted.set(op.key, { raw: serialised(op.value).length, stored: stored.length, setAt: session.trace.current });
            why = `"${op.key}" is ${serialised(op.value).length} bytes of JSON, stored in ${stored.length}`;
          } else if (op.kind === 'get') {
            const since = session.corrupt.length;
            const got = await session.get(op.key);
            const present = values.has(op.key);
            const expected = present ? expectedBack(values.get(op.key)) : undefined;
            if (!jsonEqual(got, expected)) session.trace.fail(`expected ${brief(expected)}, got ${brief(got)}`);
            if (!present && session.store.entries.has(op.key)) {
              // A garbled entry: a miss that deletes it and reports it.
              session.expectReported(op.key, since, 1, 'the entry was corrupt');
              if (session.store.entries.has(op.key)) session.trace.fail('expected the corrupt entry to be deleted from the store, but it is still there');
            }
            why = present ? `"${op.key}" is still counted` : `"${op.key}" was found ${session.corrupt.length > since ? 'corrupt' : 'missing'}: no longer counted`;
            if (!present) counted.delete(op.key);
          } else if (op.kind === 'delete') {
            await session.delete(op.key);
            values.delete(op.key);
            counted.delete(op.key);
            why = `"${op.key}" was deleted`;
          } else {
            const garble = op.kind === 'garble';
            session.trace.add(garble ? `(the grader replaces store["${op.key}"] with 0 bytes)` : `(the store loses "${op.key}", as an eviction would)`);
            if (garble && session.store.entries.has(op.key)) session.store.entries.set(op.key, new Uint8Array(0));
            else session.store.entries.delete(op.key);
            values.delete(op.key);
            why = `this instance has not seen that "${op.key}" changed yet`;
          }
          session.expectStats(totals(), why);
        }
      });
    }),
});

// ── The store ────────────────────────────────────────────────────────────────────────────────

const ttlPassthrough = checked({
  id: 'ttl-passthrough',
  statement: 'set passes ttlMs to store.set unchanged (undefined when it was not given), for raw and compressed entries alike',
  hint: 'Forward the third argument as it is: await store.set(key, entry, ttlMs). Do not default it, round it, or drop it on the compressed path.',
  runs: 40,
  build: (impl) =>
    fc.asyncProperty(
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 1500 }).chain(repeated)),
      fc.oneof(fc.constant(undefined), fc.constant(Infinity), fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
      fc.constantFrom(0, 1024),
      async (value, ttlMs, thresholdBytes) => {
        await run(impl, { thresholdBytes }, async (session) => {
          await session.set('a', value, ttlMs);
          const calls = session.store.sets;
          if (calls.length !== 1) session.trace.fail(`expected one store.set call, got ${calls.length}`);
          if (!Object.is(calls[0]!.ttlMs, ttlMs)) session.trace.fail(`expected store.set("a", <entry>, ${show(ttlMs)}), got store.set("a", <entry>, ${show(calls[0]!.ttlMs)})`);
          await expectBack(session, 'a', value, 'set at step 2');
        });
      },
    ),
});

const storeErrors = checked({
  id: 'store-errors',
  statement: 'an error of the store is not a miss: the call rejects with it, and onCorrupt is not called',
  hint: 'Catch errors around the decoding only, never around store.get: let a failing store.get, store.set or store.delete reject your call.',
  runs: 20,
  build: (impl) =>
    fc.asyncProperty(fc.constantFrom('get' as const, 'set' as const, 'delete' as const), fc.jsonValue({ maxDepth: 2 }), async (method, value) => {
      await run(impl, {}, async (session) => {
        await session.set('a', value);
        session.store.failNext = method;
        const label = method === 'set' ? `set("a", ${brief(value)})` : `${method}("a")`;
        session.trace.add(`${label} (the store's ${method} fails)`);
        let outcome: string;
        try {
          const result: unknown = await session.trace.run(() => (method === 'set' ? session.cache.set('a', value) : method === 'get' ? session.cache.get('a') : session.cache.delete('a')));
          outcome = `resolved with ${brief(result)}`;
        } catch (error) {
          if (error instanceof GradeFailure || error instanceof LearnerThrew) throw error;
          if (error instanceof Error && /^Not implemented\b/i.test(error.message)) throw new LearnerThrew(session.trace, label, error);
          session.trace.steps.at(-1)!.result = `rejected with ${describeError(error)}`;
          if (!(error instanceof StoreFailure || (error instanceof Error && error.cause instanceof StoreFailure))) session.trace.fail(`expected it to reject with the store's error (StoreFailure), got ${describeError(error)}`);
          session.expectReported('a', 0, 0, 'the store failed; the entry is not corrupt');
          return;
        }
        session.trace.fail(`expected it to reject with the store's error (StoreFailure), but it ${outcome}`);
      });
    }),
});

/** The compression suite. */
export const suite: Suite = {
  properties: [validation, roundTrip, rawBelowThreshold, compressedWhenSmaller, neverLarger, codecs, unambiguous, corruption, accounting, ttlPassthrough, storeErrors],
};
