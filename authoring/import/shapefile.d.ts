// The part of the shapefile package (github.com/mbostock/shapefile) the importer uses; it ships no types.
declare module 'shapefile' {
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<{ type: 'FeatureCollection'; features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] }>;
}
