// The terrain helpers live in the pure kit (authoring/kit/); the shipped scenarios' build scripts import them from here.
export * from '../../authoring/kit/terrain.ts';
