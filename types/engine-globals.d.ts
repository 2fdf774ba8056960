// The two web-platform globals the engine uses, which every host it runs in
// (Node, a browser worker, the page) provides. Declared here for the
// engine-only type check (tsconfig.src.json), which has neither the DOM nor
// Node's types: anything else from those libraries in src/ fails to compile.
declare function structuredClone<T>(value: T): T;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
