// The scenario kit: what the scenario generators share (the province
// generator, the build scripts of the shipped scenarios and the importer).
// Deterministic: every random draw comes from the generator's own seeded
// stream, passed in. Pure (no I/O), so the console may use it too.
export * from './geometry.ts';
export * from './random.ts';
export * from './sites.ts';
export * from './feeders.ts';
export * from './backhaul.ts';
export * from './roads.ts';
export * from './townships.ts';
export * from './isoseismals.ts';
export * from './forces.ts';
export * from './files.ts';
