/**
 * Properties shared by the consistent-hashing suites. The hash-ring and rendezvous suites grade
 * the same interface (add and remove weighted nodes, ask which node owns a key), so most of
 * their properties are built here from a {@link PlacementKind}; the hash-quality properties are
 * shared by `hash32` (hash-ring) and `hash64` (jump-hash); the trace helpers and the check of
 * refused input by all three.
 *
 * The statistical bounds are derived from the spread a correct implementation shows, whatever its
 * hash function or the names of its virtual nodes, with a wide margin (see each constant): a
 * correct implementation must never fail them, a plausible mistake fails them by far.
 */
import fc from 'fast-check';
import { seededRandom } from '../grade/random.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule } from '../grade/suite.js';
import { GradeFailure, LearnerThrew, notImplementedMessage, Trace } from '../grade/trace.js';

// ─── What is graded ──────────────────────────────────────────────────────────────────────────

/** What HashRing and RendezvousHash have in common. */
export interface PlacementLike {
  readonly nodes: string[];
  addNode(node: string, weight?: number): void;
  removeNode(node: string): void;
  getNode(key: string): string | undefined;
  getNodes(key: string, n: number): string[];
}

type PlacementClass = new (options?: { virtualNodes?: number }) => PlacementLike;

/** Which structure a suite grades, and the figures its statistics allow. */
export interface PlacementKind {
  /** The exported class: `HashRing` or `RendezvousHash`. */
  className: string;
  /** What an instance is called in statements: `ring` or `RendezvousHash`. */
  noun: string;
  /** Where its nodes are: `on the ring` or `in the RendezvousHash`. */
  on: string;
  /** The `virtualNodes` option to try in exact properties (`undefined`: no options argument). */
  virtualNodes: readonly (number | undefined)[];
  /** Weights to try (integers for the ring, any positive number for rendezvous). */
  weights: readonly number[];
  /** Names to draw nodes from. */
  names: readonly string[];
  /** Adding a node to n moves between lo/(n+1) and hi/(n+1) of the keys. */
  addFraction: readonly [number, number];
  /** With 10 equal nodes, no node may own more than this many times the mean … */
  balance: number;
  /** … of this many keys. */
  balanceKeys: number;
  /** The weighted nodes of the weights property. */
  weightGroups: readonly { weight: number; count: number }[];
  /** A group's keys per unit of weight may be off the overall figure by at most this factor. */
  weightFactor: number;
  /** Weights that addNode must refuse. */
  badWeights: readonly unknown[];
}

/** A node to add: its name and weight (1 is added without a weight argument, the default). */
export type NodeSpec = readonly [name: string, weight: number];

// ─── Trace helpers ───────────────────────────────────────────────────────────────────────────

/** `1,234`. */
export function count(n: number): string {
  return n.toLocaleString('en');
}

/** `12.3%`. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** `addNode("a")` or `addNode("a", 2)`. */
function addCall(tag: string, [name, weight]: NodeSpec): string {
  return weight === 1 ? `${tag}addNode(${show(name)})` : `${tag}addNode(${show(name)}, ${show(weight)})`;
}

/** Several calls on one trace line, long lists shortened: `a, b, …, z (12 calls)`. */
export function joinCalls(calls: readonly string[]): string {
  if (calls.length <= 6) return calls.join(', ');
  return `${calls.slice(0, 3).join(', ')}, …, ${calls.at(-1)!} (${calls.length} calls)`;
}

/** `"k0", "k1", …, "k999"`. */
export function keyRange(keys: readonly string[]): string {
  return keys.length <= 3 ? keys.map((k) => show(k)).join(', ') : `${show(keys[0])}, ${show(keys[1])}, …, ${show(keys.at(-1))}`;
}

/** Runs a learner call for each item; an exception is reported on its own step naming the item. */
export function eachCall<T, R>(trace: Trace, items: readonly T[], label: (item: T) => string, fn: (item: T) => R): R[] {
  const results: R[] = [];
  for (const item of items) {
    try {
      results.push(fn(item));
    } catch (error) {
      if (error instanceof GradeFailure || error instanceof LearnerThrew) throw error;
      trace.add(label(item));
      throw new LearnerThrew(trace, undefined, error);
    }
  }
  return results;
}

/** Adds a step for one call and fails it: `expected <expected> (<reason>), got <result>`. */
export function failAt(trace: Trace, call: string, result: unknown, expected: string, reason?: string): never {
  trace.add(call).result = show(result);
  trace.fail(`expected ${expected}${reason === undefined ? '' : ` (${reason})`}, got ${show(result)}`);
}

/**
 * A learner call that must refuse bad input with a TypeError or RangeError whose message names
 * the argument (`argument` is matched as the start of a word, case-insensitively, or `pattern`).
 */
export function expectInputError(trace: Trace, label: string, fn: () => unknown, argument: string, pattern?: RegExp): void {
  trace.add(label);
  let error: unknown;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    error = e;
  }
  if (!threw) trace.fail(`expected a TypeError or RangeError naming ${argument}, got no error`);
  if (notImplementedMessage(error) !== undefined) throw new LearnerThrew(trace, undefined, error);
  if (!(error instanceof TypeError || error instanceof RangeError)) {
    const what = error instanceof Error ? `${error.name}: ${show(error.message)}` : show(error);
    trace.fail(`expected a TypeError or RangeError naming ${argument}, got ${what}`);
  }
  // A word that starts with the name (`weight`, `weights`), or the single letter on its own (`n`).
  const names = pattern ?? new RegExp(argument.length === 1 ? `\\b${argument}\\b` : `\\b${argument}`, 'i');
  if (!names.test(error.message)) {
    trace.fail(`threw ${error.name}: ${show(error.message)}, which does not name the argument: mention ${argument} in the message`);
  }
  trace.steps[trace.steps.length - 1]!.result = `${error.name} ✓`;
}

/** Distinct keys in several styles (`user:17`, `img/3f2a.png`, random text), the same for the same seed. */
export function makeKeys(seed: number, howMany: number): string[] {
  const random = seededRandom(seed);
  const offset = Math.floor(random() * 1e6);
  const keys: string[] = [];
  for (let i = 0; i < howMany; i++) {
    const n = offset + i;
    switch (i % 4) {
      case 0:
        keys.push(`user:${n}`);
        break;
      case 1:
        keys.push(`img/${(Math.imul(n, 0x9e3779b1) >>> 0).toString(16)}.png`);
        break;
      case 2:
        keys.push(`${randomText(random, 1, 10)}#${i}`);
        break;
      default:
        keys.push(`session-${n.toString(36)}`);
    }
  }
  return keys;
}

/** Characters of random texts: ASCII and a few from elsewhere in the BMP (no surrogate halves). */
export const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:./#', 'é', 'ß', 'ñ', '€', 'я', '中', '\u0000'];

/** Random text of `min` to `max` characters from {@link ALPHABET}. */
export function randomText(random: () => number, min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1));
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)]!;
  return text;
}

/** How many keys each node owns, largest first: `"b" 1,234, "a" 1,100, …`. */
export function describeCounts(counts: ReadonlyMap<string, number>, limit = 4): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit).map(([node, n]) => `${show(node)} ${count(n)}`);
  return sorted.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
}

// ─── One instance under test ─────────────────────────────────────────────────────────────────

/** An instance of the graded class whose every call is written to the trace, with a tag (`A.`) when there are two. */
class Subject {
  readonly instance: PlacementLike;
  readonly tag: string;

  constructor(
    readonly trace: Trace,
    readonly kind: PlacementKind,
    impl: ImplModule,
    readonly virtualNodes: number | undefined,
    name = '',
  ) {
    this.tag = name === '' ? '' : `${name}.`;
    const cls = exported<PlacementClass>(impl, kind.className);
    const options = virtualNodes === undefined ? '' : `{ virtualNodes: ${virtualNodes} }`;
    trace.add(`${name === '' ? '' : `${name} = `}new ${kind.className}(${options})`);
    this.instance = trace.run(() => (virtualNodes === undefined ? new cls() : new cls({ virtualNodes })));
  }

  /** Adds the nodes, one trace step for all of them. */
  add(nodes: readonly NodeSpec[]): void {
    if (nodes.length === 0) return;
    this.trace.add(joinCalls(nodes.map((n) => addCall(this.tag, n))));
    for (const [name, weight] of nodes) this.trace.run(() => (weight === 1 ? this.instance.addNode(name) : this.instance.addNode(name, weight)));
  }

  remove(node: string): void {
    this.trace.add(`${this.tag}removeNode(${show(node)})`);
    this.trace.run(() => this.instance.removeNode(node));
  }

  /** getNode of every key, one trace step. */
  owners(keys: readonly string[], note = ''): (string | undefined)[] {
    this.trace.add(`${this.tag}getNode(key) for ${count(keys.length)} keys ${keyRange(keys)}${note}`);
    return eachCall(this.trace, keys, (k) => `${this.tag}getNode(${show(k)})`, (k) => this.instance.getNode(k));
  }

  /** getNodes(key, n) of every key, one trace step. */
  replicas(keys: readonly string[], n: number): string[][] {
    this.trace.add(`${this.tag}getNodes(key, ${n}) for ${count(keys.length)} keys ${keyRange(keys)}`);
    return eachCall(this.trace, keys, (k) => `${this.tag}getNodes(${show(k)}, ${n})`, (k) => this.instance.getNodes(k, n));
  }

  /** The nodes getter, sorted (it may list them in any order). */
  nodes(): string[] {
    this.trace.add(`${this.tag}nodes`);
    const nodes = this.trace.run(() => this.instance.nodes);
    if (!Array.isArray(nodes)) this.trace.fail(`expected an array of node names, got ${show(nodes)}`);
    this.trace.steps[this.trace.steps.length - 1]!.result = show(nodes);
    return [...nodes].sort();
  }

  /** Tallies the owners of `keys`: how many keys each node got. */
  tally(keys: readonly string[], note = ''): Map<string, number> {
    const owners = this.owners(keys, note);
    const counts = new Map<string, number>();
    for (const owner of owners) counts.set(String(owner), (counts.get(String(owner)) ?? 0) + 1);
    return counts;
  }
}

/** Checks that every key got a node of `expected` (undefined when it is empty). */
function expectOwnersOn(subject: Subject, keys: readonly string[], owners: readonly (string | undefined)[], expected: readonly string[], why?: string): void {
  const on = new Set(expected);
  for (const [i, owner] of owners.entries()) {
    if (owner === undefined ? on.size > 0 : !on.has(owner)) {
      const wanted = on.size === 0 ? 'undefined' : `one of ${show([...on].sort())}`;
      failAt(subject.trace, `${subject.tag}getNode(${show(keys[i])})`, owner, wanted, why ?? (on.size === 0 ? `no node ${subject.kind.on}` : undefined));
    }
  }
}

/** A copy of `items` in a random order (Fisher–Yates). */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const sortedNames = (nodes: readonly NodeSpec[]): string[] => nodes.map(([n]) => n).sort();

/** Distinct nodes from the kind's pool, each with a weight. */
function nodeSet(kind: PlacementKind, min: number, max: number): fc.Arbitrary<NodeSpec[]> {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...kind.names), fc.constantFrom(...kind.weights)), { selector: ([n]) => n, minLength: min, maxLength: max });
}

const keySeed = fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff }));

// ─── Properties of HashRing and RendezvousHash ───────────────────────────────────────────────

/** An empty instance answers undefined and []. */
export function emptyProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'empty',
    statement: `an empty ${kind.noun} (new, or after removing every node) answers getNode undefined, getNodes [] and nodes []`,
    hint,
    runs: 20,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), nodeSet(kind, 1, 4), keySeed, (virtualNodes, nodes, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        const keys = ['', ...makeKeys(seed, 20)];
        const check = (when?: string): void => {
          const owners = subject.owners(keys);
          expectOwnersOn(subject, keys, owners, [], when);
          for (const n of [0, 1, 3]) {
            const lists = subject.replicas(keys, n);
            for (const [i, list] of lists.entries()) {
              if (!Array.isArray(list) || list.length > 0) failAt(trace, `getNodes(${show(keys[i])}, ${n})`, list, '[]', when);
            }
          }
          trace.expect('', subject.nodes(), [], when);
        };
        check();
        subject.add(nodes);
        for (const [name] of nodes) subject.remove(name);
        check('every node has been removed');
      }),
  });
}

/** A toggle history: each step adds the name if absent, removes it if present. */
function toggles(kind: PlacementKind): fc.Arbitrary<NodeSpec[]> {
  return fc.array(fc.tuple(fc.constantFrom(...kind.names.slice(0, 8)), fc.constantFrom(...kind.weights)), { minLength: 1, maxLength: 14 });
}

/** getNode always answers a node that is on the ring. */
export function ownerPresentProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'owner-present',
    statement: `after any adds and removes, getNode(key) is one of the nodes ${kind.on}: never undefined while there is one, never a removed node`,
    hint,
    runs: 60,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes.filter((v) => v === undefined || v <= 20)), toggles(kind), keySeed, (virtualNodes, history, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        const keys = makeKeys(seed, 300);
        const present = new Map<string, number>();
        for (const [name, weight] of history) {
          if (present.has(name)) {
            subject.remove(name);
            present.delete(name);
          } else {
            subject.add([[name, weight]]);
            present.set(name, weight);
          }
          expectOwnersOn(subject, keys, subject.owners(keys), [...present.keys()]);
        }
      }),
  });
}

/** The same nodes added in the same order: the same answers, in a new instance and every time. */
export function deterministicProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'deterministic',
    statement: `the same nodes added in the same order give the same answers, in a second ${kind.className} and on every call`,
    hint,
    runs: 20,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), nodeSet(kind, 1, 6), keySeed, (virtualNodes, nodes, seed) => {
        const trace = new Trace();
        const keys = makeKeys(seed, 300);
        const a = new Subject(trace, kind, impl, virtualNodes, 'A');
        a.add(nodes);
        const first = a.owners(keys);
        const again = a.owners(keys, ' again');
        for (const [i, key] of keys.entries()) {
          if (again[i] !== first[i]) failAt(trace, `A.getNode(${show(key)})`, again[i], show(first[i]), 'what the same call answered before');
        }
        const b = new Subject(trace, kind, impl, virtualNodes, 'B');
        b.add(nodes);
        const second = b.owners(keys);
        for (const [i, key] of keys.entries()) {
          if (second[i] !== first[i]) failAt(trace, `B.getNode(${show(key)})`, second[i], show(first[i]), 'what A answered: A and B were built by the same calls');
        }
      }),
  });
}

/** Placement depends only on the set of nodes and weights. */
export function orderIndependentProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'order-independent',
    statement: `the answers depend only on which nodes (and weights) are ${kind.on}, never on the order they were added or on nodes added and removed since`,
    hint,
    runs: 60,
    build: (impl) =>
      fc.property(
        fc.constantFrom(...kind.virtualNodes),
        nodeSet(kind, 2, 6),
        fc.uniqueArray(fc.constantFrom(...kind.names), { maxLength: 3 }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        keySeed,
        (virtualNodes, nodes, extras, shuffleSeed, seed) => {
          const trace = new Trace();
          const keys = makeKeys(seed, 400);
          const names = new Set(nodes.map(([n]) => n));
          const detours = extras.filter((n) => !names.has(n));
          // A: the nodes in name order.
          const a = new Subject(trace, kind, impl, virtualNodes, 'A');
          a.add([...nodes].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
          // B: the same nodes in another order, with nodes added and removed on the way.
          const random = seededRandom(shuffleSeed);
          const order = shuffle(nodes, random);
          const b = new Subject(trace, kind, impl, virtualNodes, 'B');
          const added: string[] = [];
          for (const [i, node] of order.entries()) {
            b.add([node]);
            const detour = detours[i];
            if (detour !== undefined) {
              b.add([[detour, kind.weights[i % kind.weights.length]!]]);
              added.push(detour);
            }
          }
          const readd = order[Math.floor(random() * order.length)]!;
          b.remove(readd[0]);
          b.add([readd]);
          for (const detour of added) b.remove(detour);
          const nodesA = a.nodes();
          trace.expect('', b.nodes(), nodesA, 'the same nodes as A, in any order');
          const ownersA = a.owners(keys);
          const ownersB = b.owners(keys);
          for (const [i, key] of keys.entries()) {
            if (ownersA[i] !== ownersB[i]) {
              trace.add(`A.getNode(${show(key)})`).result = show(ownersA[i]);
              failAt(trace, `B.getNode(${show(key)})`, ownersB[i], show(ownersA[i]), "A's answer: A and B hold the same nodes with the same weights");
            }
          }
          const few = keys.slice(0, 100);
          const listsA = a.replicas(few, 3);
          const listsB = b.replicas(few, 3);
          for (const [i, key] of few.entries()) {
            if (show(listsA[i]) !== show(listsB[i])) {
              trace.add(`A.getNodes(${show(key)}, 3)`).result = show(listsA[i]);
              failAt(trace, `B.getNodes(${show(key)}, 3)`, listsB[i], show(listsA[i]), "A's answer: A and B hold the same nodes with the same weights");
            }
          }
        },
      ),
  });
}

/** getNodes: the right length, distinct, on the ring, first = getNode. */
export function getNodesProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'get-nodes',
    statement: `getNodes(key, n) returns min(n, number of nodes) distinct nodes ${kind.on}, the first being getNode(key)`,
    hint,
    runs: 60,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), toggles(kind), keySeed, (virtualNodes, history, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        const present = new Map<string, number>();
        for (const [name, weight] of history) {
          if (present.has(name)) present.delete(name);
          else present.set(name, weight);
        }
        subject.add([...present]);
        const on = new Set(present.keys());
        const keys = makeKeys(seed, 150);
        const owners = subject.owners(keys);
        const random = seededRandom(seed);
        for (const [i, key] of keys.entries()) {
          const n = Math.floor(random() * (on.size + 3));
          const call = `getNodes(${show(key)}, ${n})`;
          trace.add(call);
          const list = trace.run(() => subject.instance.getNodes(key, n));
          trace.steps[trace.steps.length - 1]!.result = show(list);
          if (!Array.isArray(list)) trace.fail(`expected an array, got ${show(list)}`);
          const want = Math.min(n, on.size);
          if (list.length !== want) {
            trace.fail(`expected ${want} node${want === 1 ? '' : 's'} (${n} asked, ${on.size} ${kind.on}), got ${list.length}`);
          }
          const stranger = list.find((node) => !on.has(node));
          if (stranger !== undefined) trace.fail(`${show(stranger)} is not ${kind.on}: expected only nodes of ${show([...on].sort())}`);
          const twice = list.find((node, j) => list.indexOf(node) !== j);
          if (twice !== undefined) trace.fail(`${show(twice)} is listed twice: expected distinct physical nodes`);
          if (n > 0 && list[0] !== owners[i]) trace.fail(`expected the first node to be ${show(owners[i])}, what getNode(${show(key)}) answered`);
          trace.steps.pop();
        }
      }),
  });
}

/** getNodes lists the nodes in the order the key moves to them as nodes are removed. */
export function getNodesOrderProperty(kind: PlacementKind, statementTail: string, hint: string): CheckedProperty {
  return checked({
    id: 'get-nodes-order',
    statement: `getNodes(key, n) lists nodes in the order the key falls back to them: remove the first and getNode(key) is the second, and so on${statementTail}`,
    hint,
    runs: 40,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), nodeSet(kind, 3, 7), fc.integer({ min: 0, max: 0x7fffffff }), keySeed, (virtualNodes, nodes, orderSeed, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        subject.add(nodes);
        const keys = makeKeys(seed, 300);
        const first = subject.owners(keys);
        const lists = subject.replicas(keys, nodes.length);
        for (const [i, list] of lists.entries()) {
          if (!Array.isArray(list) || list.length !== nodes.length || new Set(list).size !== nodes.length) {
            failAt(trace, `getNodes(${show(keys[i])}, ${nodes.length})`, list, `all ${nodes.length} nodes, each once, in fallback order`);
          }
          if (list[0] !== first[i]) {
            trace.add(`getNode(${show(keys[i])})`).result = show(first[i]);
            failAt(trace, `getNodes(${show(keys[i])}, ${nodes.length})`, list, `${show(first[i])} first`, `what getNode(${show(keys[i])}) answered`);
          }
        }
        const random = seededRandom(orderSeed);
        const order = shuffle(sortedNames(nodes), random);
        const removed = new Set<string>();
        for (const gone of order.slice(0, -1)) {
          subject.remove(gone);
          removed.add(gone);
          const owners = subject.owners(keys);
          const pairs = subject.replicas(keys, 2);
          for (const [i, key] of keys.entries()) {
            const list = lists[i]!;
            const expected = list.filter((n) => !removed.has(n));
            const ahead = list.slice(0, list.indexOf(expected[0]!));
            const because = `getNodes(${show(key)}, ${nodes.length}) was ${show(list)}, ${ahead.length === 0 ? `and ${show(list[0])} is still there` : `and ${ahead.map((g) => show(g)).join(' and ')} ${ahead.length === 1 ? 'has' : 'have'} been removed`}`;
            if (owners[i] !== expected[0]) failAt(trace, `getNode(${show(key)})`, owners[i], show(expected[0]), because);
            if (show(pairs[i]) !== show(expected.slice(0, 2))) failAt(trace, `getNodes(${show(key)}, 2)`, pairs[i], show(expected.slice(0, 2)), because);
          }
        }
      }),
  });
}

/** Adding a node moves keys only to it, about 1/(n+1) of them. */
export function addMovesProperty(kind: PlacementKind, hint: string): CheckedProperty {
  const [lo, hi] = kind.addFraction;
  return checked({
    id: 'add-moves-to-new',
    statement: `adding a node to n equal nodes moves keys only to the new node, and about 1/(n+1) of them (between ${lo}/(n+1) and ${hi}/(n+1) of 10,000 keys)`,
    hint,
    runs: 15,
    build: (impl) =>
      fc.property(nodeSet(kind, 2, 13), keySeed, (drawn, seed) => {
        const trace = new Trace();
        const nodes = drawn.map(([name]): NodeSpec => [name, 1]);
        const [newcomer, ...rest] = nodes as [NodeSpec, ...NodeSpec[]];
        const subject = new Subject(trace, kind, impl, undefined);
        subject.add(rest);
        const keys = makeKeys(seed, 10_000);
        const before = subject.owners(keys);
        subject.add([newcomer]);
        const after = subject.owners(keys);
        let moved = 0;
        for (const [i, key] of keys.entries()) {
          if (after[i] === before[i]) continue;
          moved++;
          if (after[i] !== newcomer[0]) {
            failAt(trace, `getNode(${show(key)})`, after[i], `${show(before[i])} as before, or the new node ${show(newcomer[0])}`, 'a new node takes keys only for itself');
          }
        }
        const n = rest.length;
        const ideal = keys.length / (n + 1);
        trace.steps.push({ call: `  ${count(moved)} of ${count(keys.length)} keys moved to ${show(newcomer[0])} (${pct(moved / keys.length)}; 1/${n + 1} is ${pct(1 / (n + 1))})` });
        if (moved < lo * ideal || moved > hi * ideal) {
          trace.fail(`expected between ${count(Math.ceil(lo * ideal))} and ${count(Math.floor(hi * ideal))} keys to move, about 1/(n+1) = 1/${n + 1} of them, got ${count(moved)}`);
        }
      }),
  });
}

/** Removing a node moves only its keys. */
export function removeMovesProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'remove-moves-own',
    statement: `removing a node moves only the keys it owned, each to another node ${kind.on}`,
    hint,
    runs: 30,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), nodeSet(kind, 2, 10), fc.nat(), keySeed, (virtualNodes, nodes, pick, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        subject.add(nodes);
        const keys = makeKeys(seed, 3000);
        const before = subject.owners(keys);
        const gone = nodes[pick % nodes.length]![0];
        subject.remove(gone);
        const after = subject.owners(keys);
        const left = sortedNames(nodes).filter((n) => n !== gone);
        for (const [i, key] of keys.entries()) {
          if (before[i] !== gone && after[i] !== before[i]) {
            failAt(trace, `getNode(${show(key)})`, after[i], `${show(before[i])} as before`, `only the keys of the removed node ${show(gone)} may move`);
          }
          if (before[i] === gone && (after[i] === undefined || !left.includes(after[i]))) {
            failAt(trace, `getNode(${show(key)})`, after[i], `one of ${show(left)}, the nodes left`, `it was on ${show(gone)}, now removed`);
          }
        }
      }),
  });
}

const NAME_STYLES: readonly ((i: number) => string)[] = [(i) => `node-${i}`, (i) => `cache-${i}.example.com`, (i) => `10.0.0.${i + 1}:6379`, (i) => `redis-${String.fromCharCode(97 + i)}`];

/** With 10 equal nodes, no node owns far more than the mean. */
export function balanceProperty(kind: PlacementKind, statementTail: string, hint: string): CheckedProperty {
  return checked({
    id: 'balance',
    statement: `with 10 equal nodes${statementTail}, no node owns more than ${kind.balance} × the mean of ${count(kind.balanceKeys)} keys`,
    hint,
    runs: 1,
    build: (impl) =>
      fc.property(fc.constantFrom(...NAME_STYLES), keySeed, (style, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, undefined);
        const names = Array.from({ length: 10 }, (_, i) => style(i));
        subject.add(names.map((n): NodeSpec => [n, 1]));
        const counts = subject.tally(makeKeys(seed, kind.balanceKeys));
        const mean = kind.balanceKeys / 10;
        trace.steps[trace.steps.length - 1]!.result = describeCounts(counts);
        const [top, most] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
        if (most > kind.balance * mean) {
          trace.fail(`expected at most ${count(Math.floor(kind.balance * mean))} keys per node (${kind.balance} × the mean ${count(mean)}), got ${count(most)} on ${show(top)} (${(most / mean).toFixed(2)} × the mean)`);
        }
      }),
  });
}

/** A node of weight w owns about w times the keys of a node of weight 1. */
export function weightsProperty(kind: PlacementKind, hint: string): CheckedProperty {
  const keysCount = 60_000;
  const groups = kind.weightGroups;
  const weights = groups.map((g) => show(g.weight)).join(', ');
  return checked({
    id: 'weights',
    statement: `keys are shared in proportion to weight: the nodes of each weight (${weights}) get their share of 60,000 keys within a factor ${kind.weightFactor}`,
    hint,
    runs: 1,
    build: (impl) =>
      fc.property(fc.constantFrom(...NAME_STYLES), keySeed, (style, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, undefined);
        const nodes: NodeSpec[] = [];
        for (const g of groups) for (let i = 0; i < g.count; i++) nodes.push([style(nodes.length), g.weight]);
        subject.add(nodes);
        const counts = subject.tally(makeKeys(seed, keysCount));
        trace.steps[trace.steps.length - 1]!.result = describeCounts(counts, 10);
        const total = nodes.reduce((sum, [, w]) => sum + w, 0);
        const perUnit = keysCount / total;
        for (const g of groups) {
          const members = nodes.filter(([, w]) => w === g.weight);
          const got = members.reduce((sum, [n]) => sum + (counts.get(n) ?? 0), 0);
          const ratio = got / (members.length * g.weight) / perUnit;
          trace.steps.push({ call: `  the ${members.length} nodes of weight ${show(g.weight)}: ${count(got)} keys, ${count(Math.round(got / (members.length * g.weight)))} per unit of weight (expected about ${count(Math.round(perUnit))})` });
          if (ratio > kind.weightFactor || ratio < 1 / kind.weightFactor) {
            trace.fail(
              `expected about ${count(Math.round(members.length * g.weight * perUnit))} keys for these nodes (${members.length} × weight ${show(g.weight)}: ${show(members.length * g.weight)} of the ${show(total)} units of weight), between ${count(Math.ceil((members.length * g.weight * perUnit) / kind.weightFactor))} and ${count(Math.floor(members.length * g.weight * perUnit * kind.weightFactor))}, got ${count(got)}`,
            );
          }
        }
      }),
  });
}

/** Adding a node that is there, or removing one that is not, is a RangeError that changes nothing. */
export function duplicatesProperty(kind: PlacementKind, hint: string): CheckedProperty {
  return checked({
    id: 'duplicates',
    statement: `adding a node that is already there (whatever its weight), or removing one that is not, throws a RangeError and changes nothing`,
    hint,
    runs: 30,
    build: (impl) =>
      fc.property(fc.constantFrom(...kind.virtualNodes), nodeSet(kind, 2, 6), fc.nat(), fc.constantFrom(...kind.weights), keySeed, (virtualNodes, nodes, pick, weight, seed) => {
        const trace = new Trace();
        const subject = new Subject(trace, kind, impl, virtualNodes);
        const [gone, ...kept] = nodes as [NodeSpec, ...NodeSpec[]];
        subject.add(nodes);
        subject.remove(gone[0]);
        const keys = makeKeys(seed, 500);
        const names = subject.nodes();
        const owners = subject.owners(keys);
        const lists = subject.replicas(keys.slice(0, 50), 3);
        const same = (why: string): void => {
          trace.expect('nodes: ', subject.nodes(), names, why);
          const now = subject.owners(keys);
          for (const [i, key] of keys.entries()) if (now[i] !== owners[i]) failAt(trace, `getNode(${show(key)})`, now[i], `${show(owners[i])} as before`, why);
          const nowLists = subject.replicas(keys.slice(0, 50), 3);
          for (const [i, key] of keys.slice(0, 50).entries()) {
            if (show(nowLists[i]) !== show(lists[i])) failAt(trace, `getNodes(${show(key)}, 3)`, nowLists[i], `${show(lists[i])} as before`, why);
          }
        };
        const twice = kept[pick % kept.length]!;
        const again: NodeSpec = [twice[0], weight];
        trace.add(addCall('', again));
        trace.expectRangeError(() => (weight === 1 ? subject.instance.addNode(again[0]) : subject.instance.addNode(again[0], weight)));
        same(`the refused addNode must change nothing`);
        trace.add(`removeNode(${show(gone[0])})`);
        trace.expectRangeError(() => subject.instance.removeNode(gone[0]));
        same(`the refused removeNode must change nothing`);
        const never = kind.names.find((n) => !nodes.some(([m]) => m === n)) ?? 'never-added';
        trace.add(`removeNode(${show(never)})`);
        trace.expectRangeError(() => subject.instance.removeNode(never));
        same(`the refused removeNode must change nothing`);
      }),
  });
}

/** A call with a bad argument, and the argument it must name. */
interface BadCall {
  label: string;
  argument: string;
  pattern?: RegExp;
  call: (instance: PlacementLike) => unknown;
}

const NODE_NAME = /\bnode\b|\bname\b/i;

/** Bad arguments are refused with a TypeError or RangeError naming them, and change nothing. */
export function validationProperty(kind: PlacementKind, constructorCases: readonly { label: string; make: (impl: ImplModule) => unknown; argument: string }[], hint: string): CheckedProperty {
  const weightArgs = kind.badWeights;
  const calls: BadCall[] = [
    { label: 'addNode(5)', argument: 'node', pattern: NODE_NAME, call: (r) => r.addNode(5 as unknown as string) },
    { label: 'addNode(null)', argument: 'node', pattern: NODE_NAME, call: (r) => r.addNode(null as unknown as string) },
    { label: 'addNode("")', argument: 'node', pattern: NODE_NAME, call: (r) => r.addNode('') },
    ...weightArgs.map((w): BadCall => ({ label: `addNode("new", ${show(w)})`, argument: 'weight', call: (r) => r.addNode('new', w as number) })),
    { label: 'removeNode(5)', argument: 'node', pattern: NODE_NAME, call: (r) => r.removeNode(5 as unknown as string) },
    { label: 'getNode(5)', argument: 'key', call: (r) => r.getNode(5 as unknown as string) },
    { label: 'getNode(undefined)', argument: 'key', call: (r) => r.getNode(undefined as unknown as string) },
    { label: 'getNode({})', argument: 'key', call: (r) => r.getNode({} as unknown as string) },
    { label: 'getNodes(5, 2)', argument: 'key', call: (r) => r.getNodes(5 as unknown as string, 2) },
    ...[-1, 1.5, NaN, Infinity, 2 ** 53, '2'].map((n): BadCall => ({ label: `getNodes("k", ${show(n)})`, argument: 'n', call: (r) => r.getNodes('k', n as number) })),
  ];
  type Case = { kind: 'constructor'; label: string; make: (impl: ImplModule) => unknown; argument: string } | ({ kind: 'call' } & BadCall);
  const cases: Case[] = [...constructorCases.map((c): Case => ({ kind: 'constructor', ...c })), ...calls.map((c): Case => ({ kind: 'call', ...c }))];
  return checked({
    id: 'validation',
    statement: `bad arguments throw a TypeError or RangeError naming the argument, and change nothing`,
    hint,
    runs: cases.length * 2,
    build: (impl) =>
      fc.property(fc.constantFrom(...cases), keySeed, (c, seed) => {
        const trace = new Trace();
        if (c.kind === 'constructor') {
          expectInputError(trace, c.label, () => c.make(impl), c.argument);
          return;
        }
        const subject = new Subject(trace, kind, impl, undefined);
        subject.add([
          ['a', 1],
          ['b', kind.weights[1]!],
          ['c', 1],
        ]);
        const keys = makeKeys(seed, 200);
        const owners = subject.owners(keys);
        expectInputError(trace, c.label, () => c.call(subject.instance), c.argument, c.pattern);
        trace.expect('nodes: ', subject.nodes(), ['a', 'b', 'c'], 'the refused call must change nothing');
        const now = subject.owners(keys);
        for (const [i, key] of keys.entries()) if (now[i] !== owners[i]) failAt(trace, `getNode(${show(key)})`, now[i], `${show(owners[i])} as before`, 'the refused call must change nothing');
      }),
  });
}

// ─── Hash quality (hash32 of hash-ring, hash64 of jump-hash) ─────────────────────────────────

/** A hash function under test: its name, width, and how to read its value as 32-bit words. */
export interface HashSpec {
  /** `hash32` or `hash64`. */
  name: string;
  bits: 32 | 64;
  /** Whether `value` is of the right type and range; else what is wrong with it. */
  problem(value: unknown): string | undefined;
  /** The value as 32-bit words, low word first. */
  words(value: unknown): number[];
  /** `0x0001e240`. */
  format(value: unknown): string;
}

/** hash32: a number, an integer in [0, 2^32). */
export const HASH32: HashSpec = {
  name: 'hash32',
  bits: 32,
  problem: (v) => (typeof v !== 'number' ? 'a number' : !Number.isInteger(v) || v < 0 || v >= 2 ** 32 ? 'an integer in [0, 2^32)' : undefined),
  words: (v) => [v as number],
  format: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? `0x${v.toString(16).padStart(8, '0')}` : show(v)),
};

/** hash64: a bigint in [0, 2^64). */
export const HASH64: HashSpec = {
  name: 'hash64',
  bits: 64,
  problem: (v) => (typeof v !== 'bigint' ? 'a bigint' : v < 0n || v >= 1n << 64n ? 'a bigint in [0, 2^64)' : undefined),
  words: (v) => [Number((v as bigint) & 0xffffffffn), Number((v as bigint) >> 32n)],
  format: (v) => (typeof v === 'bigint' && v >= 0n ? `0x${v.toString(16).padStart(16, '0')}n` : show(v)),
};

function popcount(x: number): number {
  let v = x >>> 0;
  let c = 0;
  while (v !== 0) {
    v &= v - 1;
    c++;
  }
  return c;
}

/** Calls the hash, checking type and range. */
function hashOf(trace: Trace, spec: HashSpec, fn: (text: string) => unknown, text: string): unknown {
  let value: unknown;
  try {
    value = fn(text);
  } catch (error) {
    trace.add(`${spec.name}(${show(text)})`);
    throw new LearnerThrew(trace, undefined, error);
  }
  const problem = spec.problem(value);
  if (problem !== undefined) failAt(trace, `${spec.name}(${show(text)})`, value, problem);
  return value;
}

/** The hash is of the right type and range, and the same for the same text. */
export function hashValuesProperty(spec: HashSpec, hint: string): CheckedProperty {
  const range = spec.bits === 32 ? 'an integer in [0, 2^32)' : 'a bigint in [0, 2^64)';
  return checked({
    id: `${spec.name}-values`,
    statement: `${spec.name}(text) is ${range}, the same every time for the same text`,
    hint,
    runs: 100,
    build: (impl) =>
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 8 }), fc.constantFrom('', 'a', 'é', '中文', '😀', 'x'.repeat(1000))), (text) => {
        const fn = exported<(text: string) => unknown>(impl, spec.name);
        const trace = new Trace();
        const value = hashOf(trace, spec, fn, text);
        const copy = [...text].join('');
        const again = hashOf(trace, spec, fn, copy);
        if (again !== value) failAt(trace, `${spec.name}(${show(copy)})`, again, spec.format(value), `what ${spec.name} answered for the same text before`);
      }),
  });
}

const AVALANCHE_SAMPLES = 600;
const AVALANCHE_MODES = ['last', 'first', 'anywhere'] as const;

/** Changing one character changes about half the bits, each about half the time. */
export function avalancheProperty(spec: HashSpec, hint: string): CheckedProperty {
  // A well-mixed hash: bits changed ~ Binomial(bits, 1/2): mean bits/2, sd sqrt(bits)/2 per
  // sample, so the mean of 600 samples is within ±0.2 bit of bits/2; each output bit flips in
  // 50% ± 2% (one sd) of the samples. The bounds are 10 or more standard deviations wide.
  const half = spec.bits / 2;
  const [meanLo, meanHi] = [half * 0.85, half * 1.15];
  const [rateLo, rateHi] = [0.35, 0.65];
  return checked({
    id: `${spec.name}-avalanche`,
    statement: `changing one character of a text changes about half of ${spec.name}'s ${spec.bits} bits (${meanLo}–${meanHi} on average), each bit in 35%–65% of the cases`,
    hint,
    runs: 3,
    build: (impl) =>
      fc.property(keySeed, (seed) => {
        const fn = exported<(text: string) => unknown>(impl, spec.name);
        const trace = new Trace();
        const random = seededRandom(seed);
        for (const mode of AVALANCHE_MODES) {
          trace.add(`${spec.name} of ${AVALANCHE_SAMPLES} random texts, and of each with one character changed (${mode === 'anywhere' ? 'anywhere' : `the ${mode} one`})`);
          let total = 0;
          const flips = new Array<number>(spec.bits).fill(0);
          let worst: { a: string; b: string; ha: unknown; hb: unknown; bits: number } | undefined;
          for (let s = 0; s < AVALANCHE_SAMPLES; s++) {
            const a = randomText(random, 1, 24);
            const at = mode === 'first' ? 0 : mode === 'last' ? a.length - 1 : Math.floor(random() * a.length);
            let c: string;
            do c = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
            while (c === a[at]);
            const b = a.slice(0, at) + c + a.slice(at + 1);
            const ha = hashOf(trace, spec, fn, a);
            const hb = hashOf(trace, spec, fn, b);
            const wa = spec.words(ha);
            const wb = spec.words(hb);
            let bits = 0;
            for (let w = 0; w < wa.length; w++) {
              const diff = (wa[w]! ^ wb[w]!) >>> 0;
              bits += popcount(diff);
              for (let bit = 0; bit < 32; bit++) if ((diff >>> bit) & 1) flips[w * 32 + bit]!++;
            }
            total += bits;
            if (worst === undefined || bits < worst.bits) worst = { a, b, ha, hb, bits };
          }
          const mean = total / AVALANCHE_SAMPLES;
          const rates = flips.map((f) => f / AVALANCHE_SAMPLES);
          const low = rates.reduce((best, r, i) => (r < rates[best]! ? i : best), 0);
          const high = rates.reduce((best, r, i) => (r > rates[best]! ? i : best), 0);
          const step = trace.steps[trace.steps.length - 1]!;
          step.result = `${mean.toFixed(1)} bits changed on average; each bit in ${pct(rates[low]!)} to ${pct(rates[high]!)} of the cases`;
          const example = worst === undefined ? '' : `; e.g. ${spec.name}(${show(worst.a)}) = ${spec.format(worst.ha)} and ${spec.name}(${show(worst.b)}) = ${spec.format(worst.hb)} differ in ${worst.bits} bit${worst.bits === 1 ? '' : 's'}`;
          if (mean < meanLo || mean > meanHi) trace.fail(`expected about ${half} bits changed on average (between ${meanLo} and ${meanHi}), got ${mean.toFixed(1)}${example}`);
          const off = rates[low]! < rateLo ? low : rates[high]! > rateHi ? high : -1;
          if (off >= 0) trace.fail(`expected each output bit to change in about half of the cases (between ${pct(rateLo)} and ${pct(rateHi)}), but bit ${off} changed in ${pct(rates[off]!)}${example}`);
        }
      }),
  });
}

const UNIFORM_KEYS = 25_600;
const UNIFORM_BUCKETS = 256;
/** Chi-square with 255 degrees of freedom: mean 255, sd 22.6; 400 is 6.4 sd above (p below 1e-8). */
const CHI_SQUARE_LIMIT = 400;

/** Hashes of similar keys spread evenly over buckets of their top and bottom bits. */
export function uniformityProperty(spec: HashSpec, hint: string): CheckedProperty {
  const families: readonly { label: string; key: (i: number, offset: number, random: () => number) => string }[] = [
    { label: '"key-N"', key: (i, o) => `key-${o + i}` },
    { label: '"user:N:profile"', key: (i, o) => `user:${o + i}:profile` },
    { label: 'random texts', key: (i, _o, random) => `${randomText(random, 1, 12)}${i}` },
  ];
  const top = spec.bits - 8;
  const slices: readonly { label: string; bucket: (words: number[]) => number }[] = [
    { label: `top 8 bits (value >> ${top})`, bucket: (w) => w[w.length - 1]! >>> 24 },
    { label: 'bottom 8 bits (value & 255)', bucket: (w) => w[0]! & 255 },
  ];
  return checked({
    id: `${spec.name}-uniform`,
    statement: `${spec.name} spreads similar keys ("key-1", "key-2", …) evenly: chi-square over 256 buckets of its top or bottom 8 bits at most ${CHI_SQUARE_LIMIT}`,
    hint,
    runs: 1,
    build: (impl) =>
      fc.property(keySeed, (seed) => {
        const fn = exported<(text: string) => unknown>(impl, spec.name);
        const trace = new Trace();
        const random = seededRandom(seed);
        const offset = Math.floor(random() * 1e6);
        for (const family of families) {
          const keys = Array.from({ length: UNIFORM_KEYS }, (_, i) => family.key(i, offset, random));
          trace.add(`${spec.name} of ${count(UNIFORM_KEYS)} ${family.label}: ${keyRange(keys)}`);
          const words = keys.map((k) => spec.words(hashOf(trace, spec, fn, k)));
          for (const slice of slices) {
            const buckets = new Array<number>(UNIFORM_BUCKETS).fill(0);
            for (const w of words) buckets[slice.bucket(w)]!++;
            const expected = UNIFORM_KEYS / UNIFORM_BUCKETS;
            const chi = buckets.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
            const fullest = buckets.reduce((best, n, i) => (n > buckets[best]! ? i : best), 0);
            const empty = buckets.filter((n) => n === 0).length;
            trace.steps.push({ call: `  ${slice.label}: chi-square ${count(Math.round(chi))}` });
            if (chi > CHI_SQUARE_LIMIT) {
              trace.fail(
                `expected the ${count(UNIFORM_KEYS)} hashes to spread over the 256 buckets of their ${slice.label.replace(/ \(.*/, '')}, about ${expected} in each (chi-square about 255, at most ${CHI_SQUARE_LIMIT}), got chi-square ${count(Math.round(chi))}: bucket ${fullest} holds ${count(buckets[fullest]!)}${empty > 0 ? `, ${empty} buckets are empty` : ''}`,
              );
            }
          }
        }
      }),
  });
}
