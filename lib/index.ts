/**
 * The workbook's library: the parts the pattern exercises run against. A {@link MemoryStore}
 * is the embedded cache, {@link SqliteDatabase} the real database, {@link RedisStore} a real
 * remote cache (with {@link startRedis} to run a throwaway server), the faulty wrappers inject
 * latency and failures, and {@link ManualTime} replaces the wall clock and timers.
 *
 * @module
 */
export { MemoryStore } from './memory-store.js';
export { MemoryDatabase } from './memory-database.js';
export { SqliteDatabase } from './sqlite-database.js';
export { FaultyDatabase, FaultyStore, InjectedFault, type FaultCall, type FaultOptions } from './faults.js';
export { ManualTime } from './manual-time.js';
export { RedisStore } from './redis-store.js';
export { findRedisServer, freePort, startRedis, type RedisServer } from './redis-server.js';
export { MemoryBus, MemoryBusConnection, type BusDelivery, type MemoryBusOptions } from './memory-bus.js';
export { RedisBus, type RedisBusOptions } from './redis-bus.js';
