/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain), shared by the `hash-ring`, `jump-hash` and
 * `rendezvous` reference solutions.
 *
 * A string is hashed as its UTF-8 bytes, so for any well-formed text the result equals the
 * reference C++ code's (and so Python's `mmh3.hash(text, seed, signed=False)`, Guava's
 * `murmur3_32_fixed`, …) on the same text: another service, in another language, can compute the
 * same ring. A lone surrogate, which UTF-8 cannot encode, is encoded as its own three bytes
 * (WTF-8), not replaced by U+FFFD as `TextEncoder` does, so two different strings never reach the
 * hash as the same bytes.
 *
 * Keys are usually ASCII, and an ASCII character is one byte: those strings are hashed straight
 * from `charCodeAt`, four characters per block, with no allocation. Other text is first encoded
 * into a reused buffer.
 *
 * The algorithm's three steps are exported too ({@link mixBlock}, {@link absorb}, {@link finish}),
 * for hashing a message of 32-bit words whose first words are shared by many messages: their state
 * is computed once (see `rendezvous.ts`).
 *
 * Every function returns a signed 32-bit integer; `>>> 0` gives the unsigned hash. V8 keeps a
 * signed 32-bit result as a small integer, while an unsigned one of 2^31 or more, returned from a
 * call that is not inlined, is boxed in a new heap number: an allocation per call.
 *
 * @module
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Buffers up to this size are kept for the next non-ASCII string; a larger one is used once and dropped. */
const KEPT_BUFFER_BYTES = 1 << 16;
let buffer = new Uint8Array(256);

/**
 * MurmurHash3 x86_32 of `text`'s UTF-8 bytes. No argument checks: callers check `text` is a string.
 * @param seed - any 32-bit integer; 0 gives the standard hash.
 */
export function murmur3(text: string, seed: number): number {
  const length = text.length;
  const end = length & ~3;
  let h = seed | 0;
  let i = 0;
  for (; i < end; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 0x7f) return murmur3Utf8(text, seed);
    h = absorb(h, mixBlock(c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)));
  }
  if (i < length) {
    // The last one to three characters, little-endian, as in the reference's tail switch.
    let k = 0;
    let any = 0;
    for (let j = length - 1; j >= i; j--) {
      const code = text.charCodeAt(j);
      any |= code;
      k = (k << 8) | code;
    }
    if (any > 0x7f) return murmur3Utf8(text, seed);
    h ^= mixBlock(k);
  }
  return finish(h, length);
}

/** Step 1, for each 4-byte block (little-endian, as a 32-bit integer): mixes the block on its own. */
export function mixBlock(block: number): number {
  const k = Math.imul(block, C1);
  return Math.imul((k << 15) | (k >>> 17), C2);
}

/** Step 2, for each whole block: folds a block mixed by {@link mixBlock} into the state `h` (at first, the seed). */
export function absorb(h: number, mixed: number): number {
  h ^= mixed;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Step 3: the hash of a message of `length` bytes from the state `h` (the tail, if any, already XORed in). */
export function finish(h: number, length: number): number {
  // fmix32: every bit of the state affects every bit of the hash.
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** {@link murmur3} for text with a non-ASCII character: encodes it to bytes first. */
function murmur3Utf8(text: string, seed: number): number {
  // At most three bytes per UTF-16 code unit (a surrogate pair, two units, takes four).
  const needed = 3 * text.length;
  let bytes = buffer;
  if (needed > bytes.length) {
    bytes = new Uint8Array(needed);
    if (needed <= KEPT_BUFFER_BYTES) buffer = bytes;
  }
  const length = encodeWtf8(text, bytes);
  const end = length & ~3;
  let h = seed | 0;
  let i = 0;
  for (; i < end; i += 4) {
    h = absorb(h, mixBlock(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)));
  }
  if (i < length) {
    let k = 0;
    for (let j = length - 1; j >= i; j--) k = (k << 8) | bytes[j]!;
    h ^= mixBlock(k);
  }
  return finish(h, length);
}

/** Writes `text` as UTF-8 into `bytes` (lone surrogates as three bytes each); returns the byte count. */
function encodeWtf8(text: string, bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[n++] = code;
    } else if (code < 0x800) {
      bytes[n++] = 0xc0 | (code >> 6);
      bytes[n++] = 0x80 | (code & 0x3f);
    } else {
      const next = code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next < 0xe000) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        bytes[n++] = 0xf0 | (point >> 18);
        bytes[n++] = 0x80 | ((point >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((point >> 6) & 0x3f);
        bytes[n++] = 0x80 | (point & 0x3f);
        i++;
      } else {
        bytes[n++] = 0xe0 | (code >> 12);
        bytes[n++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[n++] = 0x80 | (code & 0x3f);
      }
    }
  }
  return n;
}
