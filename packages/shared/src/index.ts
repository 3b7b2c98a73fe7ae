export * from './billing.ts';
export * from './changes.ts';
export * from './locale.ts';
export * from './money.ts';
export * from './permissions.ts';
export * from './requests.ts';
export * from './roles.ts';
export * from './words.ts';
