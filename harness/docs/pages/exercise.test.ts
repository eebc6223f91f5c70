import { describe, expect, it } from 'vitest';
import { contractOf, linkChapters } from './exercise.js';

describe('contractOf', () => {
  it("is the stub's leading TSDoc as Markdown: no comment markers, block tags or {@link} braces", () => {
    const stub = [
      '/**',
      ' * Exercise `x` — a thing.',
      ' *',
      ' * Read first: chapters/02-eviction/README.md (section "LRU").',
      ' * Grade it:   npm run exercise x',
      ' *',
      ' * The contract:',
      ' * - uses an {@link EventBus} and {@link Clock | the clock}.',
      ' *',
      ' * @module',
      ' */',
      '/** Not this one. */',
      'export class X {}',
    ].join('\n');
    expect(contractOf(stub, 'exercises/x.ts')).toBe(
      'Exercise `x` — a thing.\n\nRead first: chapters/02-eviction/README.md (section "LRU").\\\nGrade it:   npm run exercise x\n\nThe contract:\n- uses an `EventBus` and `the clock`.',
    );
  });

  it('says what to do when the stub lost its comment', () => {
    expect(() => contractOf('export class X {}\n', 'exercises/x.ts')).toThrow(/exercises\/x\.ts: no leading \/\*\* … \*\/ comment: .* restore it/);
  });
});

describe('linkChapters', () => {
  it("links a chapter and its section as GitHub would read them from exercises/", () => {
    expect(linkChapters('Read first: chapters/02-eviction/README.md (section "TTL and expiry"). See chapters/03-patterns/README.md too.')).toBe(
      'Read first: [chapters/02-eviction/README.md (section "TTL and expiry")](../chapters/02-eviction/README.md#ttl-and-expiry). See [chapters/03-patterns/README.md](../chapters/03-patterns/README.md) too.',
    );
  });
});
