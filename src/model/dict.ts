// Dictionaries keyed by names the model author or caller chose: types, relations, conditions,
// condition parameters, context keys. The OpenFGA JSON shape keeps them plain objects, so they
// are built without a prototype (`__proto__`, `constructor`, `toString` are then ordinary keys,
// and `dict[key] = v` never replaces a prototype) and read only through own properties (so a
// dictionary that came from JSON.parse or a decoder, with Object's prototype, answers the same).

export type Dict<T> = Record<string, T>;

export function newDict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

/** A prototype-free copy of `entries`; later duplicates win, as with Object.fromEntries. */
export function dictOf<T>(entries: Iterable<readonly [string, T]>): Dict<T> {
  const out = newDict<T>();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

export function hasKey(dict: object | null | undefined, key: string): boolean {
  return dict !== null && dict !== undefined && Object.hasOwn(dict, key);
}

/** `dict[key]` when `key` is an own property, never an inherited one (`constructor`, `toString`). */
export function ownValue<T>(dict: Readonly<Dict<T>> | null | undefined, key: string): T | undefined {
  return dict && Object.hasOwn(dict, key) ? dict[key] : undefined;
}
