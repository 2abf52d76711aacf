// The type of a feature's ru or kk catalogue: every key of its English catalogue, plus
// the extra plural categories a language needs (see index.ts). Feature catalogues live in
// folders beside this file and are spread into the language catalogues.
type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;

export type FeatureMessages<T> = Record<keyof T, string> &
  Partial<Record<`${PluralBase<keyof T>}_${'zero' | 'two' | 'few' | 'many'}`, string>>;
