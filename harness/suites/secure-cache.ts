/**
 * The properties of secure-cache. Every property works through the public contract only: it
 * reads and tampers with the byte store the cache writes to, but never decodes an entry (the
 * envelope is recommended, not graded). The IVs come from crypto.randomBytes, so the stored bytes
 * differ between runs; no verdict depends on them except with negligible probability.
 */
import fc from 'fast-check';
import { checked, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError } from './async-calls.js';
import { canonical, Session, showJson, testKey, type Instance, type TestKey } from './secure-cache-world.js';

const K1 = testKey(1);
const K2 = testKey(2);
const K3 = testKey(3);

/** Keys that trip common encodings: separators, spaces, unicode, the reference's own format. */
const NASTY_KEYS = ['a', 'a/b', 'a_b', 'a b', 'a:b', '', ' ', 'é', '_', '👍', '0::a', '1:a:b'];
const keyArb = fc.oneof({ arbitrary: fc.constantFrom(...NASTY_KEYS), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 });
/** Few keys, so that a run often sets, deletes and reads the same one. */
const fewKeysArb = fc.oneof({ arbitrary: fc.constantFrom('a', 'a/b', 'a_b', '', 'é'), weight: 6 }, { arbitrary: keyArb, weight: 1 });
const jsonArb = fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' });

function utf8Size(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// ── validation ────────────────────────────────────────────────────────────────────────────

type Case = { label: string; options?: Record<string, unknown>; call?: (c: Instance['cache']) => unknown };

const cycle: Record<string, unknown> = { a: 1 };
cycle.self = cycle;
const BAD: readonly Case[] = [
  { label: 'keys: []', options: { keys: [] } },
  { label: 'keys: undefined', options: { keys: undefined } },
  { label: 'keys: [{ id: 1, key: <16 bytes> }]', options: { keys: [{ id: 1, key: new Uint8Array(16) }] } },
  { label: 'keys: [{ id: 1, key: <31 bytes> }]', options: { keys: [{ id: 1, key: new Uint8Array(31) }] } },
  { label: 'keys: [{ id: 1, key: <33 bytes> }]', options: { keys: [{ id: 1, key: new Uint8Array(33) }] } },
  { label: 'keys: [{ id: 1, key: <a 32-character string> }]', options: { keys: [{ id: 1, key: 'k'.repeat(32) }] } },
  { label: 'keys: [{ id: 256, key: <32 bytes> }]', options: { keys: [{ id: 256, key: new Uint8Array(32) }] } },
  { label: 'keys: [{ id: -1, key: <32 bytes> }]', options: { keys: [{ id: -1, key: new Uint8Array(32) }] } },
  { label: 'keys: [{ id: 1.5, key: <32 bytes> }]', options: { keys: [{ id: 1.5, key: new Uint8Array(32) }] } },
  { label: 'keys: [{ id: "1", key: <32 bytes> }]', options: { keys: [{ id: '1', key: new Uint8Array(32) }] } },
  { label: 'keys: [key 1, { id: 1, key: <other 32 bytes> }] (id used twice)', options: { keys: [K1, { id: 1, key: K2.key }] } },
  { label: 'namespace: 5', options: { namespace: 5 } },
  { label: 'maxValueBytes: 0', options: { maxValueBytes: 0 } },
  { label: 'maxValueBytes: 1.5', options: { maxValueBytes: 1.5 } },
  { label: 'maxValueBytes: Infinity', options: { maxValueBytes: Infinity } },
  { label: 'maxValueBytes: NaN', options: { maxValueBytes: NaN } },
  { label: 'compressAboveBytes: -1', options: { compressAboveBytes: -1 } },
  { label: 'compressAboveBytes: NaN', options: { compressAboveBytes: NaN } },
  { label: 'compressAboveBytes: "100"', options: { compressAboveBytes: '100' } },
  { label: 'onRejected: "log"', options: { onRejected: 'log' } },
  { label: 'store: {}', options: { store: {} } },
  { label: 'get(5)', call: (c) => c.get(5 as unknown as string) },
  { label: 'delete(null)', call: (c) => c.delete(null as unknown as string) },
  { label: 'set(7, "v")', call: (c) => c.set(7 as unknown as string, 'v') },
  { label: 'set("k", undefined)', call: (c) => c.set('k', undefined) },
  { label: 'set("k", () => 1)', call: (c) => c.set('k', () => 1) },
  { label: 'set("k", 10n)', call: (c) => c.set('k', 10n) },
  { label: 'set("k", NaN)', call: (c) => c.set('k', NaN) },
  { label: 'set("k", -Infinity)', call: (c) => c.set('k', -Infinity) },
  { label: 'set("k", { a: [1, NaN] })', call: (c) => c.set('k', { a: [1, NaN] }) },
  { label: 'set("k", { f: () => 1 })', call: (c) => c.set('k', { f: () => 1 }) },
  { label: 'set("k", [undefined])', call: (c) => c.set('k', [undefined]) },
  { label: 'set("k", { n: 10n })', call: (c) => c.set('k', { n: 10n }) },
  { label: 'set("k", { at: new Date(0) })', call: (c) => c.set('k', { at: new Date(0) }) },
  { label: 'set("k", new Map())', call: (c) => c.set('k', new Map()) },
  { label: 'set("k", <an object that contains itself>)', call: (c) => c.set('k', cycle) },
  { label: 'set("k", "x".repeat(100)) with maxValueBytes: 64', call: (c) => c.set('k', 'x'.repeat(100)) },
  { label: 'set("k", "v", 0)', call: (c) => c.set('k', 'v', 0) },
  { label: 'set("k", "v", -5)', call: (c) => c.set('k', 'v', -5) },
  { label: 'set("k", "v", NaN)', call: (c) => c.set('k', 'v', NaN) },
  { label: 'set("k", "v", "10")', call: (c) => c.set('k', 'v', '10' as unknown as number) },
];

const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments are refused with a TypeError or RangeError, and a refused call changes nothing (the previous entry stays readable)',
  hint: 'Check every option in the constructor before keeping any: keys a non-empty array of { id: integer 0..255, used once, key: Uint8Array of exactly 32 bytes }. In set, check the key, then serialise (walk the value, or use a replacer and look at this[key], the value before toJSON: refuse undefined, functions, symbols, non-finite numbers and class instances such as Date), then compare Buffer.byteLength(json) with maxValueBytes, then ttlMs, all BEFORE calling the store.',
  runs: 1,
  build: (impl) =>
    fc.asyncProperty(fc.constant(null), async () => {
      // Every case runs in every run, each with a trace of its own: the failing case is shown alone.
      for (const bad of BAD) {
        const trace = new Trace();
        const session = new Session(trace, impl);
        const options = { keys: [K1], maxValueBytes: 64, onRejected: () => undefined, store: session.store };
        if (bad.options !== undefined) {
          await expectInputError(trace, `new SecureCache({ store, keys: [key 1], maxValueBytes: 64, onRejected } but with ${bad.label})`, () => {
            const cls = impl.SecureCache as new (o: Record<string, unknown>) => unknown;
            return new cls({ ...options, ...bad.options });
          });
          continue;
        }
        const instance = session.create('', { keys: [K1], maxValueBytes: 64 });
        await session.set(instance, 'k', 'old');
        const before = session.store.snapshot();
        await expectInputError(trace, bad.label, () => bad.call!(instance.cache));
        if (session.store.snapshot() !== before) trace.fail('the refused call changed the store: check every argument before writing');
        await session.expectGet(instance, 'k', 'old', 'set at step 2; the refused call must change nothing');
      }
    }),
});

// ── round-trip ────────────────────────────────────────────────────────────────────────────

type Op = { kind: 'set'; key: string; value: unknown } | { kind: 'get' | 'delete'; key: string };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fewKeysArb, value: jsonArb }),
  fc.record({ kind: fc.constant('get' as const), key: fewKeysArb }),
  fc.record({ kind: fc.constant('get' as const), key: fewKeysArb }),
  fc.record({ kind: fc.constant('delete' as const), key: fewKeysArb }),
);

const roundTrip = checked({
  id: 'round-trip',
  statement: 'get returns the last value set under a key (as JSON.parse gives it back), or undefined after a delete or when never set',
  hint: 'set: JSON.stringify the value, encrypt the UTF-8 bytes, store the result; get: fetch, decrypt, JSON.parse. Make sure get decrypts exactly what set encrypted (the same key, IV, tag and AAD), and delete removes the same store key that set wrote.',
  runs: 100,
  build: (impl) =>
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), fc.constantFrom<string | undefined>(undefined, 'tenant-1'), async (ops, namespace) => {
      const session = new Session(new Trace(), impl);
      const model = new Map<string, { value: unknown; step: number }>();
      const deleted = new Map<string, number>();
      const cache = session.create('', namespace === undefined ? { keys: [K1] } : { keys: [K1], namespace });
      for (const op of ops) {
        if (op.kind === 'set') {
          await session.set(cache, op.key, op.value);
          model.set(op.key, { value: op.value, step: session.trace.current });
          deleted.delete(op.key);
        } else if (op.kind === 'delete') {
          await session.delete(cache, op.key);
          model.delete(op.key);
          deleted.set(op.key, session.trace.current);
        } else {
          const entry = model.get(op.key);
          const because = entry ? `set at step ${entry.step}` : deleted.has(op.key) ? `deleted at step ${deleted.get(op.key)!}` : 'never set';
          await session.expectGet(cache, op.key, entry?.value, because);
        }
      }
      session.expectRejected(cache, 0, 'nothing was tampered with');
    }),
});

// ── size-limit ────────────────────────────────────────────────────────────────────────────

const sizeLimit = checked({
  id: 'size-limit',
  statement: 'a value whose JSON is larger than maxValueBytes in UTF-8 bytes is refused with a RangeError and the previous value stays; one at the limit is stored',
  hint: 'Measure the serialised value in bytes, Buffer.byteLength(json, "utf8"), not json.length (which counts UTF-16 code units: "é" is 1 unit but 2 bytes). Throw the RangeError before calling store.set, so the previous entry is left alone.',
  runs: 100,
  build: (impl) =>
    fc.asyncProperty(
      fc.oneof(jsonArb, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })),
      fc.integer({ min: -3, max: 2 }),
      async (value, delta) => {
        const size = utf8Size(value);
        const limit = Math.max(1, size + delta);
        const session = new Session(new Trace(), impl);
        const cache = session.create('', { keys: [K1], maxValueBytes: limit });
        await session.set(cache, 'k', 0);
        const label = `set("k", ${showJson(value)}): ${size} bytes of JSON`;
        if (size > limit) {
          const before = session.store.snapshot();
          await expectInputError(session.trace, label, () => cache.cache.set('k', value));
          if (session.trace.steps.at(-1)!.result !== 'RangeError ✓') session.trace.fail(`expected a RangeError (the value is ${size} bytes, more than maxValueBytes ${limit}), got a TypeError`);
          if (session.store.snapshot() !== before) session.trace.fail('the refused set changed the store: check the size before writing');
          await session.expectGet(cache, 'k', 0, 'set at step 2; the refused value must not replace it');
        } else {
          await session.call(cache, label, (c) => c.set('k', value));
          await session.expectGet(cache, 'k', value, `set at step 3: ${size} bytes is within maxValueBytes ${limit}`);
        }
      },
    ),
});

// ── injective-keys ────────────────────────────────────────────────────────────────────────

type Slot = readonly [namespace: string, key: string];
/** Pairs of (namespace, key) that common encodings send to one store key. */
const COLLIDING: readonly (readonly [Slot, Slot])[] = [
  [['', 'a/b'], ['', 'a_b']],
  [['', 'a b'], ['', 'a_b']],
  [['', 'é'], ['', '_']],
  [['', 'user:1/profile'], ['', 'user:1_profile']],
  [['', ''], ['', ' ']],
  [['a:b', 'c'], ['a', 'b:c']],
  [['a', ''], ['', 'a']],
  [['t1', 'x'], ['t2', 'x']],
  [['1:a', 'b'], ['1', 'a:b']],
];
const slotArb: fc.Arbitrary<Slot> = fc.tuple(fc.constantFrom('', 'a', 'a:b', 't1'), keyArb);
const slotsArb = fc.oneof(
  fc.constantFrom(...COLLIDING).map(([a, b]) => [a, b] as Slot[]),
  fc.uniqueArray(slotArb, { minLength: 2, maxLength: 4, selector: ([n, k]) => JSON.stringify([n, k]) }),
);

const injectiveKeys = checked({
  id: 'injective-keys',
  statement: 'distinct (namespace, key) pairs never share a store entry: each instance reads back only what it wrote under that key, even for keys like "a/b" and "a_b"',
  hint: 'Build the store key so it can be decoded back into exactly one (namespace, key): prefix the namespace with its length, `${namespace.length}:${namespace}:${key}`. Do not "sanitise" keys (a/b and a_b become one entry) and do not just join namespace and key with ":" (tenant "a:b" key "c" and tenant "a" key "b:c" meet).',
  runs: 100,
  build: (impl) =>
    fc.asyncProperty(slotsArb, async (slots) => {
      const session = new Session(new Trace(), impl);
      const byNamespace = new Map<string, Instance>();
      const names = 'ABCD';
      for (const [namespace] of slots) {
        if (!byNamespace.has(namespace)) byNamespace.set(namespace, session.create(names[byNamespace.size]!, { keys: [K1], namespace }));
      }
      const written = new Map<string, { value: string; step: number }>();
      const id = ([n, k]: Slot): string => JSON.stringify([n, k]);
      for (const [i, slot] of slots.entries()) {
        const value = `value ${i + 1} of ${byNamespace.get(slot[0])!.name}/${slot[1]}`;
        await session.set(byNamespace.get(slot[0])!, slot[1], value);
        written.set(id(slot), { value, step: session.trace.current });
      }
      for (const slot of slots) {
        const w = written.get(id(slot))!;
        await session.expectGet(byNamespace.get(slot[0])!, slot[1], w.value, `set at step ${w.step}`);
      }
      // Deleting one slot leaves the others.
      const [first, ...rest] = slots;
      await session.delete(byNamespace.get(first![0])!, first![1]);
      for (const slot of rest) {
        if (id(slot) === id(first!)) continue;
        const w = written.get(id(slot))!;
        await session.expectGet(byNamespace.get(slot[0])!, slot[1], w.value, `set at step ${w.step}; the delete was of another key`);
      }
    }),
});

// ── no-plaintext ──────────────────────────────────────────────────────────────────────────

/** The forms in which `text` could leak into stored bytes: UTF-8, UTF-16LE, hex, base64 at each alignment. */
function leakForms(text: string): { form: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(text, 'utf8');
  const forms = [
    { form: 'UTF-8', bytes: utf8 },
    { form: 'UTF-16LE', bytes: Buffer.from(text, 'utf16le') },
    { form: 'hex', bytes: Buffer.from(utf8.toString('hex'), 'latin1') },
    { form: 'HEX', bytes: Buffer.from(utf8.toString('hex').toUpperCase(), 'latin1') },
  ];
  for (let offset = 0; offset < 3; offset++) {
    const part = utf8.subarray(offset, offset + Math.floor((utf8.length - offset) / 3) * 3);
    if (part.length < 6) continue;
    forms.push({ form: 'base64', bytes: Buffer.from(part.toString('base64'), 'latin1') });
    forms.push({ form: 'base64url', bytes: Buffer.from(part.toString('base64url'), 'latin1') });
  }
  return forms;
}

const secretArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 10, maxLength: 16 }).map((s) => `s3cr3t-${s}`);
const secretValueArb = fc.tuple(secretArb, jsonArb, fc.nat({ max: 2 })).map(([secret, other, shape]) => ({
  secret,
  value: shape === 0 ? secret : shape === 1 ? { card: secret, other } : [other, `prefix ${secret} suffix`],
}));

const noPlaintext = checked({
  id: 'no-plaintext',
  statement: 'nothing of a value appears in the store in clear: not its JSON, not a string inside it, in UTF-8, UTF-16, hex or base64',
  hint: 'Encoding is not encryption: base64 or hex hides nothing. Encrypt the JSON bytes with createCipheriv("aes-256-gcm", key, iv) and store only the envelope (header, IV, tag, ciphertext), never the plaintext next to it.',
  runs: 60,
  build: (impl) =>
    fc.asyncProperty(
      fc.array(fc.tuple(keyArb, secretValueArb), { minLength: 1, maxLength: 4 }),
      fc.constantFrom<number | undefined>(undefined, 0, 40),
      async (writes, compressAboveBytes) => {
        const session = new Session(new Trace(), impl);
        const cache = session.create('', compressAboveBytes === undefined ? { keys: [K1] } : { keys: [K1], compressAboveBytes });
        const needles: { what: string; text: string; step: number }[] = [];
        for (const [key, { secret, value }] of writes) {
          await session.set(cache, key, value);
          const json = JSON.stringify(value);
          if (Buffer.byteLength(json) >= 8) needles.push({ what: 'the JSON of the value', text: json, step: session.trace.current });
          needles.push({ what: `the string ${JSON.stringify(secret)}`, text: secret, step: session.trace.current });
        }
        session.trace.add('(the grader reads every entry of the store)');
        const patterns = needles.map((needle) => ({ needle, forms: leakForms(needle.text) }));
        for (const storeKey of session.store.keys()) {
          const bytes = Buffer.from(session.store.peek(storeKey)!);
          for (const { needle, forms } of patterns) {
            for (const { form, bytes: pattern } of forms) {
              if (bytes.includes(pattern)) {
                session.trace.fail(`the store entry ${JSON.stringify(storeKey)} contains ${needle.what} (set at step ${needle.step}) in clear, as ${form}`);
              }
            }
          }
        }
      },
    ),
});

// ── fresh-iv ──────────────────────────────────────────────────────────────────────────────

/** How many byte positions hold the same byte in both entries (over the shorter length). */
function samePositions(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** A string of the same length that differs from `s` at every position. */
function everyCharChanged(s: string): string {
  return [...s].map((ch) => ALNUM[(ALNUM.indexOf(ch) + 31) % ALNUM.length]!).join('');
}

const freshIv = checked({
  id: 'fresh-iv',
  statement: 'the same value written twice (under one key or two) gives stored entries that differ almost everywhere: every write uses a fresh random IV',
  hint: 'Generate the IV inside set, for every write: const iv = crypto.randomBytes(12), and store it in the envelope. A constant IV, or an IV derived from the key (what crypto.createCipher did, from an MD5 of the password), makes equal values give equal ciphertexts, and with GCM it also lets an attacker forge tags.',
  runs: 40,
  build: (impl) =>
    fc.asyncProperty(
      fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 16, maxLength: 80 }),
      fc.uniqueArray(keyArb, { minLength: 2, maxLength: 2 }),
      async (value, [k1, k2]) => {
        const session = new Session(new Trace(), impl);
        const cache = session.create('', { keys: [K1] });
        const entries: { step: number; bytes: Uint8Array }[] = [];
        const other = everyCharChanged(value);
        for (const [key, v] of [[k1!, value], [k1!, value], [k2!, value], [k1!, other]] as const) {
          await session.set(cache, key, v);
          entries.push({ step: session.trace.current, bytes: session.store.writes.at(-1)!.bytes });
        }
        const [first, again, elsewhere, different] = entries as [(typeof entries)[0], (typeof entries)[0], (typeof entries)[0], (typeof entries)[0]];
        // The baseline: an entry of a different value of the same length shares only what every
        // entry shares (a header) and chance (1 byte in 256). The same value must share no more.
        const baseline = samePositions(first.bytes, different.bytes);
        for (const entry of [again, elsewhere]) {
          const same = samePositions(first.bytes, entry.bytes);
          if (same > baseline + 8 + first.bytes.length / 16) {
            session.trace.add(`(the grader compares the entries written at steps ${first.step}, ${entry.step} and ${different.step})`);
            session.trace.fail(
              `the entries of the same value (steps ${first.step} and ${entry.step}) agree at ${same} of ${Math.min(first.bytes.length, entry.bytes.length)} byte positions, ` +
                `but the entry of a different value of the same length (step ${different.step}) agrees with the first at only ${baseline}: equal values give equal ciphertexts, so the IV is not fresh`,
            );
          }
        }
      },
    ),
});

// ── bound-to-key ──────────────────────────────────────────────────────────────────────────

const boundToKey = checked({
  id: 'bound-to-key',
  statement: 'an entry copied into the store slot of another key or namespace does not decrypt there: get misses, deletes it, counts it and reports it as "tampered"',
  hint: 'Bind each ciphertext to where it is stored: cipher.setAAD(Buffer.from(storeKey)) before encrypting, and the same decipher.setAAD(...) before final() when reading. The tag then fails when the bytes are moved; catch that error, delete the entry, count it and call onRejected(key, "tampered").',
  runs: 60,
  build: (impl) =>
    fc.asyncProperty(fc.boolean(), fc.uniqueArray(keyArb, { minLength: 2, maxLength: 2 }), jsonArb, async (acrossNamespaces, [ka, kb], value) => {
      const session = new Session(new Trace(), impl);
      const a = session.create(acrossNamespaces ? 'A' : '', acrossNamespaces ? { keys: [K1], namespace: 'tenant-a' } : { keys: [K1] });
      const b = acrossNamespaces ? session.create('B', { keys: [K1], namespace: 'tenant-b' }) : a;
      const from = ka!;
      const to = acrossNamespaces ? ka! : kb!;
      await session.set(a, from, value);
      const fromSlot = session.store.lastWritten()!;
      const fromStep = session.trace.current;
      await session.set(b, to, 'their own value');
      const toSlot = session.store.lastWritten()!;
      const toStep = session.trace.current;
      session.trace.add(`(an attacker copies the entry written at step ${fromStep} over the one written at step ${toStep})`);
      session.store.poke(toSlot, session.store.peek(fromSlot)!);
      await session.expectGet(b, to, undefined, 'the entry was copied from another key: it must not decrypt here');
      if (session.store.peek(toSlot) !== undefined) session.trace.fail('the refused entry is still in the store: delete it');
      session.expectRejected(b, 1, 'one entry was refused');
      session.trace.add(`(onRejected was told ${showJson(b.rejections[0])})`);
      session.trace.expect('', b.rejections[0]?.reason, 'tampered', 'the authentication failed');
      session.trace.expect('onRejected key: ', b.rejections[0]?.key, to);
      await session.expectGet(a, from, value, `set at step ${fromStep}; the original is untouched`);
    }),
});

// ── tamper ────────────────────────────────────────────────────────────────────────────────

type Damage = { kind: 'flip'; at: number; mask: number } | { kind: 'truncate'; at: number } | { kind: 'append'; bytes: number[] } | { kind: 'garbage'; bytes: number[] };
const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: 40 }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('garbage' as const), bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 60 }) }),
);

function damage(bytes: Uint8Array, d: Damage): { bytes: Uint8Array; what: string } {
  switch (d.kind) {
    case 'flip': {
      const at = d.at % bytes.length;
      const copy = Uint8Array.from(bytes);
      copy[at]! ^= d.mask;
      return { bytes: copy, what: `flips bits of byte ${at} (of ${bytes.length})` };
    }
    case 'truncate': {
      const at = d.at % bytes.length;
      return { bytes: bytes.slice(0, at), what: `cuts it to its first ${at} bytes (of ${bytes.length})` };
    }
    case 'append':
      return { bytes: Uint8Array.from([...bytes, ...d.bytes]), what: `appends ${d.bytes.length} byte(s)` };
    case 'garbage':
      return { bytes: Uint8Array.from(d.bytes), what: `replaces it with ${d.bytes.length} random bytes` };
  }
}

const tamper = checked({
  id: 'tamper',
  statement: 'a stored entry changed in any way (a flipped bit anywhere, cut short, extended, garbage) is a miss: get resolves undefined, deletes it, counts and reports it; other entries are unaffected',
  hint: 'Wrap the whole read of an entry in try/catch: check the length and version, pick the key by id, setAuthTag, then decipher.final() (it throws when anything changed). On any failure: await store.delete(storeKey), this.rejected++, onRejected(key, reason), return undefined. Never let the decipher error escape, never return what update() produced before final() checked the tag.',
  runs: 120,
  build: (impl) =>
    fc.asyncProperty(
      fc.uniqueArray(fc.tuple(keyArb, jsonArb), { minLength: 1, maxLength: 3, selector: ([k]) => k }),
      fc.nat(),
      damageArb,
      fc.constantFrom<number | undefined>(undefined, 0),
      async (entries, pick, d, compressAboveBytes) => {
        const session = new Session(new Trace(), impl);
        const cache = session.create('', compressAboveBytes === undefined ? { keys: [K1] } : { keys: [K1], compressAboveBytes });
        const written: { key: string; value: unknown; step: number; slot: string }[] = [];
        for (const [key, value] of entries) {
          await session.set(cache, key, value);
          written.push({ key, value, step: session.trace.current, slot: session.store.lastWritten()! });
        }
        const target = written[pick % written.length]!;
        const original = session.store.peek(target.slot)!;
        const { bytes, what } = damage(original, d);
        session.trace.add(`(an attacker ${what} of the entry of step ${target.step})`);
        session.store.poke(target.slot, bytes);
        await session.expectGet(cache, target.key, undefined, 'its entry was changed: a miss');
        if (session.store.peek(target.slot) !== undefined) session.trace.fail('the refused entry is still in the store: delete it');
        session.expectRejected(cache, 1, 'one entry was refused');
        const reason = cache.rejections[0]!;
        session.trace.add(`(onRejected was told ${showJson(reason)})`);
        if (reason.key !== target.key || !['tampered', 'unknown-key', 'malformed'].includes(reason.reason as string)) {
          session.trace.fail(`expected onRejected(${JSON.stringify(target.key)}, "tampered" | "unknown-key" | "malformed")`);
        }
        for (const other of written) {
          if (other !== target) await session.expectGet(cache, other.key, other.value, `set at step ${other.step}; untouched`);
        }
        await session.set(cache, target.key, 'fresh');
        await session.expectGet(cache, target.key, 'fresh', 'set again at the previous step');
        session.expectRejected(cache, 1, 'only the changed entry was refused');
      },
    ),
});

// ── rotation ──────────────────────────────────────────────────────────────────────────────

const RINGS: readonly { name: string; keys: readonly TestKey[] }[] = [
  { name: 'A', keys: [K1] },
  { name: 'B', keys: [K1, K2] },
  { name: 'C', keys: [K2] },
  { name: 'D', keys: [K3, K1, K2] },
];
type RotationOp = { ring: number; kind: 'set' | 'get' | 'delete'; key: string };
const rotationOpArb: fc.Arbitrary<RotationOp> = fc.record({
  ring: fc.nat({ max: RINGS.length - 1 }),
  kind: fc.constantFrom('set' as const, 'get' as const, 'get' as const, 'delete' as const),
  key: fc.constantFrom('x', 'y'),
});

const rotation = checked({
  id: 'rotation',
  statement: 'writes use the newest key (the last); reads use the key the entry names, so old entries still read after a rotation; an entry whose key is not configured is a miss reported as "unknown-key"',
  hint: 'Write the id of the key you encrypted with into the envelope, and always encrypt with keys[keys.length - 1]. To read, look the id up in a Map of every configured key: found, decrypt with it; not found, delete the entry, count it and call onRejected(key, "unknown-key").',
  runs: 150,
  build: (impl) =>
    fc.asyncProperty(fc.array(rotationOpArb, { minLength: 2, maxLength: 16 }), async (ops) => {
      const session = new Session(new Trace(), impl);
      const instances = RINGS.map((r) => session.create(r.name, { keys: r.keys }));
      const model = new Map<string, { value: string; keyId: number; step: number }>();
      const expectedRejections = RINGS.map(() => 0);
      let n = 0;
      for (const op of ops) {
        const ring = RINGS[op.ring]!;
        const instance = instances[op.ring]!;
        if (op.kind === 'set') {
          const value = `v${++n}`;
          await session.set(instance, op.key, value);
          model.set(op.key, { value, keyId: ring.keys.at(-1)!.id, step: session.trace.current });
        } else if (op.kind === 'delete') {
          await session.delete(instance, op.key);
          model.delete(op.key);
        } else {
          const entry = model.get(op.key);
          const readable = entry !== undefined && ring.keys.some((k) => k.id === entry.keyId);
          const because =
            entry === undefined ? 'not set' : readable ? `set at step ${entry.step} with key ${entry.keyId}, which ${ring.name} has` : `set at step ${entry.step} with key ${entry.keyId}, which ${ring.name} does not have`;
          await session.expectGet(instance, op.key, readable ? entry.value : undefined, because);
          if (entry !== undefined && !readable) {
            expectedRejections[op.ring]!++;
            model.delete(op.key);
            const told = instance.rejections.at(-1);
            session.expectRejected(instance, expectedRejections[op.ring]!, `the entries ${ring.name} could not read`);
            session.trace.add(`(${ring.name}'s onRejected was told ${showJson(told)})`);
            session.trace.expect('', told?.reason, 'unknown-key', `the entry names key ${entry.keyId}, which ${ring.name} does not have`);
          } else if (instance.cache.rejected !== expectedRejections[op.ring]) {
            session.expectRejected(instance, expectedRejections[op.ring]!, `only entries with a key ${ring.name} does not have are refused`);
          }
        }
      }
    }),
});

// ── compress-then-encrypt ─────────────────────────────────────────────────────────────────

const compressible = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'abcdefghij -'), minLength: 4, maxLength: 24 }), fc.nat({ max: 1000 }))
  .map(([word, n]) => ({ id: n, text: `${word}.`.repeat(Math.ceil(20_000 / (word.length + 1))) }));

const compressThenEncrypt = checked({
  id: 'compress-then-encrypt',
  statement: 'with compressAboveBytes set, a highly compressible 20 KB value is stored in under 5 KB and reads back; without it (or at or below the threshold) nothing is compressed',
  hint: 'Compress the JSON bytes (zlib.deflateRawSync) BEFORE encrypting, and only when they are larger than compressAboveBytes: ciphertext looks random and never compresses. Put a flag byte in front of the plaintext (0 raw, 1 deflated) so get knows whether to inflate after decrypting.',
  runs: 20,
  build: (impl) =>
    fc.asyncProperty(compressible, fc.constantFrom(0, 100, 5_000, 19_000), async (value, threshold) => {
      const size = utf8Size(value);
      const session = new Session(new Trace(), impl);
      const on = session.create('Z', { keys: [K1], compressAboveBytes: threshold });
      const off = session.create('P', { keys: [K1], namespace: 'plain' });
      const high = session.create('H', { keys: [K1], namespace: 'high', compressAboveBytes: size });
      const shown = `{ id: ${value.id}, text: "${value.text.slice(0, 12)}…" (${size} bytes of JSON) }`;
      const check = async (instance: Instance, compressed: boolean, why: string): Promise<void> => {
        await session.call(instance, `set("k", ${shown})`, (c) => c.set('k', value));
        const stored = session.store.writes.at(-1)!.bytes.length;
        session.trace.add(`(the grader measures the stored entry: ${stored} bytes)`);
        if (compressed && stored >= 5000) session.trace.fail(`expected under 5000 bytes (${why}), got ${stored}: compress before you encrypt`);
        if (!compressed && stored < size) session.trace.fail(`expected at least ${size} bytes (${why}), got ${stored}`);
        await session.expectGet(instance, 'k', value, 'set 2 steps before');
      };
      await check(on, true, `its JSON is larger than compressAboveBytes ${threshold}`);
      await check(off, false, 'compressAboveBytes is not set: no compression');
      await check(high, false, `its JSON is ${size} bytes, not larger than compressAboveBytes ${size}`);
    }),
});

// ── ttl-passthrough ───────────────────────────────────────────────────────────────────────

type TtlOp = { kind: 'set'; key: string; ttlMs: number | undefined } | { kind: 'get'; key: string } | { kind: 'advance'; ms: number };
const ttlOpArb: fc.Arbitrary<TtlOp> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b'), ttlMs: fc.constantFrom<number | undefined>(undefined, 1, 100, 1000, Infinity) }),
  fc.record({ kind: fc.constant('get' as const), key: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1, 50, 99, 100, 1000) }),
);

const ttlPassthrough = checked({
  id: 'ttl-passthrough',
  statement: 'set(key, value, ttlMs) passes ttlMs to store.set, so the entry expires when the store says; without ttlMs it never expires, and an expired entry is a plain miss (not rejected)',
  hint: 'Pass the ttl on: await store.set(storeKey, envelope, ttlMs). The store expires entries itself; an entry the store no longer has is simply undefined, not a rejection.',
  runs: 80,
  build: (impl) =>
    fc.asyncProperty(fc.array(ttlOpArb, { minLength: 1, maxLength: 14 }), async (ops) => {
      const session = new Session(new Trace(), impl);
      const cache = session.create('', { keys: [K1] });
      const model = new Map<string, { value: string; expiresAt: number; step: number }>();
      let n = 0;
      for (const op of ops) {
        if (op.kind === 'advance') {
          session.store.now += op.ms;
          session.trace.add(`(the store's clock +${op.ms} ms → t=${session.store.now})`);
        } else if (op.kind === 'set') {
          const value = `v${++n}`;
          await session.set(cache, op.key, value, op.ttlMs);
          model.set(op.key, { value, expiresAt: op.ttlMs === undefined ? Infinity : session.store.now + op.ttlMs, step: session.trace.current });
        } else {
          const entry = model.get(op.key);
          const live = entry !== undefined && session.store.now < entry.expiresAt;
          const because = entry === undefined ? 'not set' : live ? `set at step ${entry.step}, live until t=${entry.expiresAt}` : `set at step ${entry.step}, expired at t=${entry.expiresAt}`;
          await session.expectGet(cache, op.key, live ? entry.value : undefined, because);
        }
      }
      session.expectRejected(cache, 0, 'an expired entry is a miss, not a rejection');
    }),
});

// ── store-errors ──────────────────────────────────────────────────────────────────────────

type FaultOp = { kind: 'set' | 'get' | 'delete'; key: string; fail: boolean };
const faultOpArb: fc.Arbitrary<FaultOp> = fc.record({
  kind: fc.constantFrom('set' as const, 'get' as const, 'get' as const, 'delete' as const),
  key: fc.constantFrom('a', 'b'),
  fail: fc.boolean(),
});

const storeErrors = checked({
  id: 'store-errors',
  statement: 'when the store fails, get, set and delete reject with its error: a store outage is neither a miss nor a rejected entry',
  hint: 'Keep the try/catch around the decryption only, not around store.get: an error of the store must reach the caller (let it propagate), while only a failed decryption is a miss counted in rejected.',
  runs: 80,
  build: (impl) =>
    fc.asyncProperty(fc.array(faultOpArb, { minLength: 1, maxLength: 12 }), async (ops) => {
      const session = new Session(new Trace(), impl);
      const cache = session.create('', { keys: [K1] });
      const model = new Map<string, { value: string; step: number }>();
      let n = 0;
      for (const op of ops) {
        const value = `v${++n}`;
        const label = op.kind === 'set' ? `set(${JSON.stringify(op.key)}, ${JSON.stringify(value)})` : `${op.kind}(${JSON.stringify(op.key)})`;
        if (op.fail) {
          session.trace.add(`(the store's next ${op.kind} fails)`);
          session.store.failNext = op.kind;
        }
        const thrownBefore = session.store.thrown.length;
        const outcome = await session.call(cache, label, (c) => (op.kind === 'set' ? c.set(op.key, value) : op.kind === 'get' ? c.get(op.key) : c.delete(op.key)), op.fail);
        session.store.failNext = undefined;
        if (op.fail) {
          const storeError = session.store.thrown[thrownBefore];
          if (storeError === undefined) session.trace.fail(`expected a call to store.${op.kind}`);
          const error = outcome.ok ? undefined : outcome.error;
          const passedOn = error === storeError || (error instanceof Error && error.cause === storeError);
          if (!passedOn) session.trace.fail(`expected a rejection with the store's error (${storeError!.name}: ${storeError!.message}), got ${outcome.ok ? `a result, ${showJson(outcome.value)}` : String(error)}`);
          continue;
        }
        if (op.kind === 'set') model.set(op.key, { value, step: session.trace.current });
        else if (op.kind === 'delete') model.delete(op.key);
        else {
          const entry = model.get(op.key);
          const actual = outcome.ok ? outcome.value : undefined;
          if (canonical(actual) !== canonical(entry?.value)) session.trace.fail(`expected ${showJson(entry?.value)} (${entry ? `set at step ${entry.step}` : 'not set'}), got ${showJson(actual)}`);
        }
      }
      session.expectRejected(cache, 0, 'a store error is not a rejected entry');
    }),
});


/** The secure-cache suite. */
export const suite: Suite = {
  properties: [validation, roundTrip, sizeLimit, injectiveKeys, noPlaintext, freshIv, boundToKey, tamper, rotation, compressThenEncrypt, ttlPassthrough, storeErrors],
};
