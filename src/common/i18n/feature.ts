// The type of a feature's ru or kk catalogue: every key of its English catalogue, plus
// the extra plural categories a language needs (see index.ts). Feature catalogues live in
// folders beside this file and are merged into the language catalogues (mergeCatalogues).
type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;

export type FeatureMessages<T> = Record<keyof T, string> &
  Partial<Record<`${PluralBase<keyof T>}_${'zero' | 'two' | 'few' | 'many'}`, string>>;

/**
 * One language's catalogue from its feature catalogues and its own messages. Copied with
 * Object.assign, not a spread literal: V8 builds a spread literal this size property by
 * property through hundreds of intermediate shapes, garbage the process keeps as heap
 * (about 20 MB a catalogue, in a server that should stay small); Object.assign does not.
 */
export function mergeCatalogues<T extends object[]>(...parts: T): UnionToIntersection<T[number]> {
  return Object.assign({}, ...parts) as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (
  part: infer I,
) => void
  ? I
  : never;
