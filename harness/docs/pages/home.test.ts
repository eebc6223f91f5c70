import { describe, expect, it } from 'vitest';
import { openingOf } from './home.js';

describe('openingOf', () => {
  it('is the text before the second level-2 heading, ignoring headings in code', () => {
    const readme = '# cachecraft\n\nIntro.\n\n## How it works\n\n```md\n## not a heading\n```\n\nSteps.\n\n## Commands\n\nTable.\n';
    expect(openingOf(readme)).toBe('# cachecraft\n\nIntro.\n\n## How it works\n\n```md\n## not a heading\n```\n\nSteps.\n');
  });
});
