/** A test helper for the library's tests: the error a call fails with, checked to be of a type. */
import { expect } from 'vitest';

/** Awaits `call` and returns its error (thrown at once or as a rejection: either is fine), checked to be a `type`. */
export async function failure<E extends Error>(call: () => Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  return error as E;
}
