// Snapshot encoding: state is plain data plus typed arrays. JSON keeps every
// finite double exactly (shortest round-trip form), so a restored state is
// bit-identical; typed arrays are tagged so they come back as the same type.
// The engine never stores NaN, Infinity or -0 in state (it uses sentinels).

const TYPED = '$typed';

type TypedName = 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint32Array' | 'Uint16Array' | 'Uint8Array' | 'Int8Array';

const constructors: Record<TypedName, new (values: number[]) => ArrayLike<number>> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint16Array,
  Uint8Array,
  Int8Array,
};

export function encodeState(state: unknown): string {
  return JSON.stringify(state, (_key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name as TypedName;
      return { [TYPED]: name, values: Array.from(value as unknown as ArrayLike<number>) };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`state holds a non-finite number (${value}) at "${_key}"`);
    }
    return value;
  });
}

export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && typeof value[TYPED] === 'string') {
      const ctor = constructors[value[TYPED] as TypedName];
      if (!ctor) throw new Error(`unknown typed array ${value[TYPED]}`);
      return new ctor(value.values);
    }
    return value;
  }) as T;
}
