/**
 * Light checks of the charts' SVG for the tests: well-formedness (tags balanced, attributes
 * quoted, text escaped) and the data points, read back from their `data-*` attributes.
 *
 * @module
 */

/** One data point as the svg carries it: its element's `data-*` attributes, without the prefix. */
export type DataPoint = Readonly<Record<string, string>>;

/** What is wrong with `xml` as a well-formed XML document with one root element; empty when nothing is. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!--(?:(?!--)[\s\S])*-->|([^<]+)/y;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (match === null) {
      problems.push(`not a tag, comment or text at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
      break;
    }
    const [, closing, name, attributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root element at offset ${at}`);
      const bad = /&(?!(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);)/.exec(text);
      if (bad !== null) problems.push(`an unescaped & at offset ${at + bad.index}`);
      continue;
    }
    if (name === undefined) continue;
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> at offset ${at} closes <${open ?? 'nothing'}>`);
      continue;
    }
    const seen = new Set<string>();
    for (const [, attribute] of (attributes ?? '').matchAll(/([\w:.-]+)="/g)) {
      if (seen.has(attribute!)) problems.push(`<${name}> at offset ${at} repeats the attribute ${attribute}`);
      seen.add(attribute!);
    }
    if (stack.length === 0) roots++;
    if (selfClosing !== '/') stack.push(name);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.map((name) => `<${name}>`).join(' ')}`);
  if (roots !== 1) problems.push(`${roots} root elements, not 1`);
  return problems;
}

/** Every element of `svg` with a `data-series` attribute, as its `data-*` attributes (unescaped). */
export function dataPoints(svg: string): DataPoint[] {
  return [...svg.matchAll(/<\w+((?:\s+[\w:.-]+="[^"]*")*)\s*\/?>/g)]
    .map(([, attributes]) =>
      Object.fromEntries(
        [...attributes!.matchAll(/\sdata-([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, unescape(value!)]),
      ),
    )
    .filter((data) => data.series !== undefined);
}

/** `text` with the character references the plotter writes turned back into characters. */
function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
