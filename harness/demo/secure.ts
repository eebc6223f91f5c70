/**
 * `npm run demo secure`: what goes wrong in the textbook encrypted cache, and what the reference
 * SecureCache does instead, on an in-memory store we can read and tamper with.
 *
 * 1. The textbook key sanitiser (`[^a-zA-Z0-9:_-]` -> `_`): how many of 2,000 plausible user
 *    names collide, and one user reading another's profile through it.
 * 2. A flipped byte, and an entry copied to another user's key: both refused, deleted, counted.
 * 3. The same value stored twice: a fresh IV gives unrelated ciphertexts; the textbook
 *    `createCipher` (key and IV derived from the password by MD5) gives the same bytes twice.
 * 4. Key rotation: old entries still read, new ones use the new key, a retired key's are misses.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../lib/memory-store.js';
import { SecureCache, type EncryptionKey } from '../../solutions/secure-cache.js';
import { SecureCache as TextbookCreateCipher } from '../buggy/secure-cache/textbook-create-cipher-iv.js';
import { SecureCache as TextbookSanitiser } from '../buggy/secure-cache/textbook-sanitiser.js';
import { seededRandom } from '../grade/random.js';
import { c } from '../cli/term.js';
import { columns, count } from './format.js';

/** A store whose entries the demo can list, read and change. */
class OpenStore extends MemoryStore<Uint8Array> {
  readonly entries = new Map<string, Uint8Array>();
  override set(key: string, value: Uint8Array, ttlMs?: number): Promise<void> {
    this.entries.set(key, value);
    return super.set(key, value, ttlMs);
  }
  override delete(key: string): Promise<void> {
    this.entries.delete(key);
    return super.delete(key);
  }
}

const sanitise = (key: string): string => key.replace(/[^a-zA-Z0-9:_-]/g, '_');
const hex = (bytes: Uint8Array, from: number, length: number): string => Buffer.from(bytes).subarray(from, from + length).toString('hex');

/** Runs the demo, writing its lines to `out`. */
export async function run(out: (line: string) => void): Promise<void> {
  out(c.bold('demo secure: an encrypted cache, the textbook version against the reference'));
  const keys: EncryptionKey[] = [{ id: 1, key: randomBytes(32) }];
  out('');
  await collisions(out, keys);
  out('');
  await tampering(out, keys);
  out('');
  await repeatedIvs(out, keys);
  out('');
  await rotation(out, keys);
}

/** 2,000 user names as people choose them: dots, dashes, underscores, accents, spaces. */
function userNames(): string[] {
  const random = seededRandom(7);
  const first = ['alice', 'bob', 'chloé', 'dan', 'eve', 'zoë', 'li', 'maria', 'omar', 'jo', 'ana', 'sam'];
  const last = ['smith', 'jones', 'müller', 'garcía', 'ng', 'brown', 'lee', 'khan'];
  const joins = ['.', '_', '-', '', ' ', '+'];
  const names = new Set<string>();
  while (names.size < 2_000) {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    names.add(`${pick(first)}${pick(joins)}${pick(last)}${random() < 0.5 ? '' : Math.floor(random() * 100)}`);
  }
  return [...names];
}

async function collisions(out: (line: string) => void, keys: EncryptionKey[]): Promise<void> {
  out(c.bold('1. The textbook key sanitiser: key.replace(/[^a-zA-Z0-9:_-]/g, "_")'));
  const names = userNames();
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const stored = sanitise(`profile:${name}`);
    groups.set(stored, [...(groups.get(stored) ?? []), name]);
  }
  const shared = [...groups.values()].filter((group) => group.length > 1);
  out(`  ${count(names.length)} distinct user names -> ${count(groups.size)} storage keys: ${count(shared.flat().length)} users share an entry with someone else`);
  for (const group of shared.slice(0, 3)) out(`    ${group.map((name) => JSON.stringify(name)).join(' and ')} -> ${JSON.stringify(sanitise(`profile:${group[0]}`))}`);

  const textbook = new TextbookSanitiser<{ address: string }>({ store: new OpenStore(), keys });
  await textbook.set('profile:alice.smith', { address: '12 Private Lane' });
  const leaked = await textbook.get('profile:alice_smith');
  out(`  textbook: alice.smith saves her address; alice_smith reads his own profile and gets ${c.red(JSON.stringify(leaked))}`);
  const reference = new SecureCache<{ address: string }>({ store: new OpenStore(), keys });
  await reference.set('profile:alice.smith', { address: '12 Private Lane' });
  out(`  reference: alice_smith reads his own profile and gets ${c.green(JSON.stringify(await reference.get('profile:alice_smith')))}`);
  out('  (its storage key is `${namespace.length}:${namespace}:${key}`, which no two different keys share)');
}

async function tampering(out: (line: string) => void, keys: EncryptionKey[]): Promise<void> {
  out(c.bold('2. Tampering: AES-256-GCM checks a 16-byte tag over the ciphertext and the storage key'));
  const store = new OpenStore();
  const reasons: string[] = [];
  const cache = new SecureCache<{ balance: number }>({ store, keys, onRejected: (key, reason) => reasons.push(`${key}: ${reason}`) });
  await cache.set('account:alice', { balance: 100 });
  await cache.set('account:bob', { balance: 5 });
  const [aliceKey, bobKey] = [...store.entries.keys()] as [string, string];
  const alice = store.entries.get(aliceKey)!;
  const flipped = Uint8Array.from(alice);
  flipped[flipped.length - 1]! ^= 0x01;
  await store.set(aliceKey, flipped);
  out(`  one bit flipped in alice's entry: get -> ${JSON.stringify(await cache.get('account:alice'))}; entry still stored: ${store.entries.has(aliceKey)}`);
  await cache.set('account:alice', { balance: 100 });
  await store.set(bobKey, store.entries.get(aliceKey)!);
  out(`  alice's entry copied over bob's: get("account:bob") -> ${JSON.stringify(await cache.get('account:bob'))} (not alice's balance)`);
  out(`  rejected: ${cache.rejected} (${reasons.join('; ')})`);
}

async function repeatedIvs(out: (line: string) => void, keys: EncryptionKey[]): Promise<void> {
  out(c.bold('3. The same value stored twice: bytes 30 to 45 of each entry (after the header)'));
  const same = async (cache: { set(key: string, value: string): Promise<void> }, store: OpenStore): Promise<string[]> => {
    const lines: string[] = [];
    for (const key of ['a', 'b']) {
      await cache.set(key, 'card ending 4242');
      lines.push(hex([...store.entries.values()].at(-1)!, 30, 16));
    }
    return lines;
  };
  const referenceStore = new OpenStore();
  const textbookStore = new OpenStore();
  const reference = await same(new SecureCache<string>({ store: referenceStore, keys }), referenceStore);
  const textbook = await same(new TextbookCreateCipher<string>({ store: textbookStore, keys }), textbookStore);
  for (const line of columns([
    ['', 'first', 'second'],
    ['reference (fresh 12-byte IV)', ...reference],
    ['textbook createCipher (MD5-derived IV)', ...textbook],
  ])) out(line);
  out(`  identical: reference ${reference[0] === reference[1]}, textbook ${textbook[0] === textbook[1]}: equal ciphertexts tell an observer which entries hold equal values`);
}

async function rotation(out: (line: string) => void, keys: EncryptionKey[]): Promise<void> {
  out(c.bold('4. Key rotation: encrypt with the newest key, decrypt with any configured one'));
  const store = new OpenStore();
  await new SecureCache<string>({ store, keys }).set('report:2025', 'written under key 1');
  const rotated: EncryptionKey[] = [...keys, { id: 2, key: randomBytes(32) }];
  const both = new SecureCache<string>({ store, keys: rotated });
  await both.set('report:2026', 'written under key 2');
  const keyIds = [...store.entries.entries()].map(([key, entry]) => `${key.slice(3)} -> key id ${entry[1]}`);
  out(`  with keys [1, 2]: report:2025 -> ${JSON.stringify(await both.get('report:2025'))}; envelopes: ${keyIds.join(', ')}`);
  const reasons: string[] = [];
  const retired = new SecureCache<string>({ store, keys: rotated.slice(1), onRejected: (_, reason) => reasons.push(reason) });
  out(`  key 1 retired: report:2025 -> ${JSON.stringify(await retired.get('report:2025'))} (${reasons.join(', ')}), report:2026 -> ${JSON.stringify(await retired.get('report:2026'))}`);
}
