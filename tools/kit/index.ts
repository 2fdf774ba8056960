// The scenario kit as the build scripts use it: the pure kit (authoring/kit/,
// shared with the importer and the console) and writing its files to disk.
export * from '../../authoring/kit/index.ts';
export * from './files.ts';
