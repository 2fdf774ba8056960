// The files a scenario document names. Kept apart from load.ts (no schema or
// validator imports) so the console's page can use it without the loader.
/** Hazard fields that name a file, by hazard type (loadScenario reads each; test/loose-files.test.ts checks the list is whole). */
export const HAZARD_FILE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  earthquake: ['siteAmplification', 'isoseismals', 'groundFailure'],
  flood: ['zones', 'elevation'],
};

/**
 * Every file a scenario document names, as written in it: its layers, its
 * hazards' files and its target profile. For a console handed loose files (no
 * folder), which matches each by file name. Tolerant of any input: a value
 * that is not a path is skipped, the document is checked by loadScenario.
 */
export function referencedFiles(doc: unknown): string[] {
  const out: string[] = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return out;
  const d = doc as { layers?: unknown; hazards?: unknown; targets?: unknown };
  if (d.layers && typeof d.layers === 'object' && !Array.isArray(d.layers)) for (const v of Object.values(d.layers)) if (typeof v === 'string') out.push(v);
  if (Array.isArray(d.hazards)) {
    for (const h of d.hazards as unknown[]) {
      if (h === null || typeof h !== 'object') continue;
      const hz = h as Record<string, unknown>;
      for (const field of (typeof hz.type === 'string' && Object.hasOwn(HAZARD_FILE_FIELDS, hz.type) ? HAZARD_FILE_FIELDS[hz.type] : [])) if (typeof hz[field] === 'string') out.push(hz[field] as string);
    }
  }
  if (typeof d.targets === 'string') out.push(d.targets);
  return [...new Set(out)];
}
