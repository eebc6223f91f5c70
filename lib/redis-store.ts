import { Redis } from 'ioredis';
import type { CacheStore } from '../exercises/workbook.js';
import { attempt, checkKey, checkTtl, checkValue } from './check.js';

/**
 * A {@link CacheStore} on a real Redis server, through ioredis. Values are stored as JSON (so use
 * plain data); a TTL becomes `SET … PX` (rounded up to whole milliseconds; Infinity means none).
 */
export class RedisStore<V> implements CacheStore<V> {
  /** @param client - a connected ioredis client; `prefix` is put before every key. */
  constructor(
    readonly client: Redis,
    readonly prefix = '',
  ) {}

  /**
   * Connects to `url` (e.g. `redis://127.0.0.1:6379`) and resolves once connected. While the
   * server is unreachable, commands fail at once instead of queueing: a cache must not hang its
   * callers.
   */
  static async connect<V>(url: string, prefix = ''): Promise<RedisStore<V>> {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => (times > 20 ? null : Math.min(times * 50, 500)),
    });
    client.on('error', () => undefined); // Errors reach each command's promise; this only stops the log noise.
    await client.connect();
    return new RedisStore<V>(client, prefix);
  }

  /** The value under `key`, or undefined. */
  async get(key: string): Promise<V | undefined> {
    await attempt(() => checkKey(key, 'RedisStore.get'));
    const raw = await this.client.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as V);
  }

  /** Stores `value`, for `ttlMs` when given. */
  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    await attempt(() => {
      checkKey(key, 'RedisStore.set');
      checkValue(value, 'RedisStore.set');
      checkTtl(ttlMs, 'RedisStore.set');
    });
    const raw = JSON.stringify(value);
    if (ttlMs === undefined || ttlMs === Infinity) await this.client.set(this.prefix + key, raw);
    else await this.client.set(this.prefix + key, raw, 'PX', Math.ceil(ttlMs));
  }

  /** Removes `key`. */
  async delete(key: string): Promise<void> {
    await attempt(() => checkKey(key, 'RedisStore.delete'));
    await this.client.del(this.prefix + key);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    if (this.client.status !== 'end') await this.client.quit().catch(() => this.client.disconnect());
  }
}
