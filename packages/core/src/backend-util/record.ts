/**
 * A complete record built from a list of keys: the compiler cannot follow a loop that fills an
 * object, so the result is checked key by key instead of asserted.
 */
import { ArgumentError } from '../errors.js';

function hasEvery<K extends string, V>(keys: readonly K[], record: { readonly [key: string]: V }): record is Readonly<Record<K, V>> {
  return keys.every((key) => Object.hasOwn(record, key));
}

/** `{ [key]: value(key, index) }` for each of `keys`, which must be distinct. */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K, index: number) => V): Readonly<Record<K, V>> {
  const record: { [key: string]: V } = {};
  keys.forEach((key, i) => (record[key] = value(key, i)));
  // hasEvery also tells the compiler that every key got a value.
  if (new Set(keys).size !== keys.length || !hasEvery(keys, record)) {
    throw new ArgumentError(`recordOf: keys must be distinct, got ${keys.join(', ')}`);
  }
  return record;
}
