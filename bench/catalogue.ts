/**
 * A seeded product catalogue: realistic JSON payloads for the compression and encryption
 * benchmarks (and the demos). Field names repeat from product to product and the text is drawn
 * from a small vocabulary, as in a real catalogue; ids, prices, stock and image hashes are
 * random, so the payload is not trivially compressible either.
 *
 * @module
 */
import { seededRandom } from '../harness/grade/random.js';

/** One product, as an API would return it. */
export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  price: { amount: number; currency: string };
  categories: string[];
  tags: string[];
  attributes: Record<string, string>;
  stock: { warehouse: string; quantity: number }[];
  rating: { average: number; count: number };
  images: string[];
  updatedAt: string;
}

const ADJECTIVES = ['compact', 'durable', 'lightweight', 'wireless', 'organic', 'ergonomic', 'waterproof', 'vintage', 'smart', 'classic', 'premium', 'portable'];
const NOUNS = ['backpack', 'kettle', 'headphones', 'desk lamp', 'running shoe', 'coffee grinder', 'yoga mat', 'water bottle', 'keyboard', 'jacket', 'tent', 'blender'];
const WORDS = ['designed', 'for', 'everyday', 'use', 'with', 'a', 'soft', 'finish', 'and', 'reinforced', 'seams', 'that', 'last', 'battery', 'life', 'hours', 'recycled', 'materials', 'easy', 'to', 'clean', 'fits', 'most', 'travel', 'comfort', 'quiet', 'motor', 'steel'];
const CATEGORIES = ['home', 'kitchen', 'outdoor', 'sports', 'electronics', 'office', 'fashion', 'travel'];
const COLOURS = ['black', 'white', 'navy', 'olive', 'sand', 'red', 'grey'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'one size'];
const WAREHOUSES = ['ams-1', 'fra-2', 'lhr-1', 'iad-3', 'sin-1'];

/** `count` products drawn from `seed`: the same seed gives the same catalogue. */
export function catalogue(count: number, seed: number): Product[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const sentence = (): string => {
    const words = Array.from({ length: int(8, 16) }, () => pick(WORDS));
    return `${words.join(' ')}.`.replace(/^./, (first) => first.toUpperCase());
  };
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
    return {
      id: 100_000 + i,
      sku: `SKU-${hex(8).toUpperCase()}`,
      name: name.replace(/^./, (first) => first.toUpperCase()),
      description: Array.from({ length: int(2, 4) }, sentence).join(' '),
      price: { amount: int(199, 49_999) / 100, currency: 'EUR' },
      categories: [pick(CATEGORIES), pick(CATEGORIES)].filter((c, k, all) => all.indexOf(c) === k),
      tags: Array.from({ length: int(1, 4) }, () => pick(ADJECTIVES)),
      attributes: { colour: pick(COLOURS), size: pick(SIZES), material: pick(['cotton', 'steel', 'nylon', 'bamboo', 'aluminium']) },
      stock: WAREHOUSES.filter(() => random() < 0.6).map((warehouse) => ({ warehouse, quantity: int(0, 500) })),
      rating: { average: int(10, 50) / 10, count: int(0, 5_000) },
      images: Array.from({ length: int(1, 3) }, () => `https://img.example.com/p/${hex(16)}.jpg`),
      updatedAt: new Date(Date.UTC(2026, 0, 1) + int(0, 300) * 86_400_000).toISOString(),
    };
  });
}
