/**
 * Headless Chromium for the documentation site's browser test: Debian's chromium driven by
 * playwright-core with a fresh profile and no traffic to Google, and {@link Tab}, which opens
 * pages and reports what a reader's browser saw on each.
 */
/// <reference lib="dom" />
// The DOM types are for the functions that run in the page (page.evaluate).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { reloadPath } from './serve.js';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The browser's path if it is installed, for `needBinary`. */
export function findChromium(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
}

/** Flags that keep headless Chromium quiet and offline: without them it calls Google at start. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A running browser with its own throwaway profile. */
export interface Browser {
  /** The browser's only context; pages opened in it share nothing with other runs. */
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * Starts Chromium at `executablePath` with a fresh user-data-dir. Every request that would leave
 * the machine (anything but file:, data:, blob: and 127.0.0.1) is aborted, and still reported by
 * {@link Tab.inspect}.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cachecraft-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: FLAGS,
      timeout: 30_000,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(10_000);
    await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start ${executablePath} (is it Debian's chromium? apt-get install -y chromium): ${String(error)}`);
  }
}

/** Whether a request to `url` stays on this machine. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'file:' || protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return (protocol === 'http:' || protocol === 'https:') && hostname === '127.0.0.1';
}

/** One `<pre><code>` block as the browser rendered it. */
export interface CodeBlock {
  /** The code element's class attribute. */
  readonly classes: string;
  /** How many highlighter token elements it holds (hljs-* or typedoc's hl-* classes). */
  readonly tokens: number;
  /** Whether some token is drawn in another colour than the block's text: the theme's CSS applies. */
  readonly coloured: boolean;
  /** Its first line, to name it in a failure. */
  readonly firstLine: string;
}

/** One `figure.chart` as the browser rendered it. */
export interface Chart {
  /** The figure's id, else its svg's `data-chart`, else its position on the page. */
  readonly name: string;
  /** Width and height of its svg's bounding box in CSS pixels (0 when there is no svg). */
  readonly width: number;
  readonly height: number;
  /** How many elements inside the svg match the data-point selector. */
  readonly points: number;
  /** How many of those have a non-empty bounding box (`getBBox()`). */
  readonly drawn: number;
}

/** What a reader's browser saw on one page. */
export interface PageReport {
  /** The URL that was opened. */
  readonly url: string;
  /** Console errors, page errors, failed requests, error responses and requests to other hosts. */
  readonly errors: readonly string[];
  /** Every id (and `<a name>`) in the DOM after load. */
  readonly ids: ReadonlySet<string>;
  /** Every link's href resolved against the page, except external http(s) links and mailto:. */
  readonly links: readonly string[];
  readonly code: readonly CodeBlock[];
  readonly charts: readonly Chart[];
}

/** How {@link Tab.inspect} reads a page. */
export interface InspectOptions {
  /** Whether a link stays on this site (for http its origin, for the file system `file:`). */
  readonly local: (href: string) => boolean;
  /** The selector of a chart's data points inside its svg. */
  readonly dataPoint: string;
}

/**
 * One browser tab that opens pages one after another and reports what each did: reusing the tab
 * spares the cost of a new page per URL.
 */
export class Tab {
  readonly #page: Page;
  #errors: string[] = [];

  private constructor(page: Page) {
    this.#page = page;
    page.on('console', (message) => {
      if (message.type() === 'error') this.#errors.push(`console error: ${message.text().trim()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.#errors.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!isLocal(request.url())) this.#errors.push(`request to another host: ${request.url()}`);
    });
    page.on('requestfailed', (request) => {
      // The served site's reload stream stays open for the page's life and is aborted when the tab moves on.
      if (new URL(request.url()).pathname === reloadPath && request.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.#errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'no reason given'})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.#errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }

  /** Opens a tab in `context`. */
  static async open(context: BrowserContext): Promise<Tab> {
    return new Tab(await context.newPage());
  }

  /** Opens `url`, waits for its load event, and reports what happened meanwhile and what the DOM holds. */
  async inspect(url: string, options: InspectOptions): Promise<PageReport> {
    const errors: string[] = [];
    this.#errors = errors;
    const response = await this.#page.goto(url, { waitUntil: 'load' });
    if (response !== null && !response.ok()) errors.push(`the page itself answered HTTP ${response.status()}`);
    const seen = await this.#page.evaluate((selector) => {
      const ids = Array.from(document.querySelectorAll('[id], a[name]')).map((element) => element.id || element.getAttribute('name') || '');
      const links = Array.from(document.querySelectorAll('a[href]')).map((a) => new URL(a.getAttribute('href') ?? '', document.baseURI).href);
      const code = Array.from(document.querySelectorAll('pre code')).map((element) => {
        const tokens = Array.from(element.querySelectorAll('[class*="hljs-"], [class^="hl-"]'));
        const ink = getComputedStyle(element).color;
        return {
          classes: element.getAttribute('class') ?? '',
          tokens: tokens.length,
          coloured: tokens.some((token) => getComputedStyle(token).color !== ink),
          firstLine: (element.textContent ?? '').split('\n')[0]!.slice(0, 80),
        };
      });
      const charts = Array.from(document.querySelectorAll('figure.chart')).map((figure, index) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const points = svg === null ? [] : Array.from(svg.querySelectorAll<SVGGraphicsElement>(selector));
        return {
          name: figure.id || svg?.getAttribute('data-chart') || `chart ${index + 1}`,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          points: points.length,
          drawn: points.filter((point) => {
            const bbox = point.getBBox();
            return bbox.width > 0 && bbox.height > 0;
          }).length,
        };
      });
      return { ids, links, code, charts };
    }, options.dataPoint);
    const links = seen.links.filter((href) => options.local(href) || !/^(https?|mailto):/.test(href));
    return { url, errors, ids: new Set(seen.ids.filter((id) => id !== '')), links, code: seen.code, charts: seen.charts };
  }

  /** Opens `url` and saves a full-page PNG screenshot of it at `path`. */
  async screenshot(url: string, path: string): Promise<void> {
    await this.#page.goto(url, { waitUntil: 'load' });
    await this.#page.screenshot({ path, fullPage: true });
  }

  /** Closes the tab. */
  async close(): Promise<void> {
    await this.#page.close();
  }
}
