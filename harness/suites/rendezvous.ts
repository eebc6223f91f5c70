/** The properties of rendezvous (highest-random-weight) hashing. */
import type { Suite } from '../grade/suite.js';
import {
  addMovesProperty,
  balanceProperty,
  deterministicProperty,
  duplicatesProperty,
  emptyProperty,
  getNodesOrderProperty,
  getNodesProperty,
  orderIndependentProperty,
  ownerPresentProperty,
  removeMovesProperty,
  validationProperty,
  weightsProperty,
  type PlacementKind,
} from './placement-properties.js';

/**
 * The figures. With a well-mixed score every node is equally likely to win each key, so the only
 * spread is the sampling of the keys (binomial):
 * - balance: 10 nodes, 50,000 keys: each node 5,000 ± 67 (1.3%); max/mean about 1.03; 1.1 is
 *   over 7 sd. A score that does not depend on the pair (node, key) gives one node everything.
 * - add: 10,000 keys, at most 13 nodes: the new node's 1/(n+1) is known to ± 4%; 0.75 to 1.33
 *   is over 6 sd.
 * - weights: the smallest group (weight 0.5 × 3 of 17.5) gets 8.6% of 60,000 keys ± 1.4%;
 *   1.15 is 10 sd. Scoring w × u instead of -w / ln(u) favours the heavy nodes far beyond that.
 */
const rendezvous: PlacementKind = {
  className: 'RendezvousHash',
  noun: 'RendezvousHash',
  on: 'in the RendezvousHash',
  virtualNodes: [undefined],
  weights: [1, 0.5, 2, 3.5],
  names: ['n', 'n1', 'cache-a', 'Aa', 'BB', '0n', 'n10', 'cache-b', '10.0.0.1:6379', 'node\u0000', 'é', 'zz'],
  addFraction: [0.75, 1.33],
  balanceKeys: 50_000,
  balance: 1.1,
  weightGroups: [
    { weight: 0.5, count: 3 },
    { weight: 1, count: 3 },
    { weight: 2.5, count: 2 },
    { weight: 4, count: 2 },
  ],
  weightFactor: 1.15,
  badWeights: [0, -1, NaN, Infinity, -Infinity, '2'],
};

/** The rendezvous suite. */
export const suite: Suite = {
  properties: [
    emptyProperty(rendezvous, 'With no nodes, getNode returns undefined and getNodes []; removeNode must delete the node from the one map you score from.'),
    ownerPresentProperty(rendezvous, 'getNode must score only the nodes that are there now: keep them in a Map from name to weight, delete from it in removeNode, and take the highest score over it.'),
    deterministicProperty(rendezvous, 'A score must depend only on the node, its weight and the key, e.g. hash32(node + "\\u0000" + key): no Math.random, no counter, no clock.'),
    orderIndependentProperty(
      rendezvous,
      'Score from the node\'s name, never from its position in a list, and break ties by name (a.node < b.node), not by which node came first.',
    ),
    getNodesProperty(rendezvous, 'Score every node once, sort by score (highest first, ties by name) and take the first n: slice(0, n) of a list of distinct nodes.'),
    getNodesOrderProperty(
      rendezvous,
      ' (highest scores first)',
      'Sort the scored nodes by score, highest first, ties by name: sort((a, b) => b.score - a.score || (a.node < b.node ? -1 : 1)), then take the first n.',
    ),
    addMovesProperty(
      rendezvous,
      'A node\'s score for a key must depend only on that node and that key, so a new node can only win keys for itself: no hash % nodeCount, no index in the node list, no normalising by the total weight.',
    ),
    removeMovesProperty(rendezvous, 'Removing a node must not change the other nodes\' scores: score each node from its own name, weight and the key only.'),
    balanceProperty(
      rendezvous,
      '',
      'Hash the pair, not each half: hash32(node + "\\u0000" + key), a well-mixed 32-bit hash such as MurmurHash3. hash(node) + hash(key) ranks the nodes the same way for every key.',
    ),
    weightsProperty(
      rendezvous,
      'Score -weight / Math.log(u), with u = (h + 0.5) / 2 ** 32 in (0, 1): Math.log(u) is negative, so the score is positive, and a node of weight 2 wins twice as often. weight * h does not do that.',
    ),
    duplicatesProperty(rendezvous, 'In addNode throw a RangeError when the node is already there, whatever the weight; in removeNode when it is not. Check before you change the map.'),
    validationProperty(
      rendezvous,
      [],
      'Check every argument before you change anything: a node name is a non-empty string, a key a string, a weight a number with weight > 0 && Number.isFinite(weight), n a safe integer >= 0. Name the argument in the message.',
    ),
  ],
};
