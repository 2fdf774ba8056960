// The public warnings the doctrine responder broadcasts, in both languages.
// The broadcast itself carries the Chinese text (what a cell broadcast in the
// county says); consoles and reports show the English where they speak it,
// looking the Chinese text up here, so the two never drift apart.
export interface WarningText {
  event: { zh: string; en: string };
  headline: { zh: string; en: string };
}

export const DOCTRINE_WARNINGS = {
  flood: {
    event: { zh: '山洪', en: 'Flash flood' },
    headline: { zh: '山洪灾害预警：请立即向高处转移', en: 'Flash-flood warning: move to high ground now' },
  },
  quake: {
    event: { zh: '地震', en: 'Earthquake' },
    headline: { zh: '强余震预警：请远离危险建筑，到空旷处避险', en: 'Strong aftershocks expected: keep away from damaged buildings, shelter in open ground' },
  },
} as const satisfies Record<string, WarningText>;

/** A warning's event or headline in `lang`, when it is one of the doctrine's; otherwise as written. */
export function warningTextIn(text: string, lang: 'zh' | 'en'): string {
  for (const w of Object.values(DOCTRINE_WARNINGS) as WarningText[]) {
    if (w.headline.zh === text) return w.headline[lang];
    if (w.event.zh === text) return w.event[lang];
  }
  return text;
}
