export * from './sodium.ts';
export * from './envelope.ts';
export * from './keys.ts';
export * from './recovery.ts';
export * from './stream.ts';
export * from './encoding.ts';
export * from './codename.ts';
