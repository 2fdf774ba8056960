// Townships as the townships layer writes them.
import type { TownshipProps } from '../../src/model/scenario-format.ts';

/** Satellite phones and BeiDou terminals kept at a township government (2027 Opinions, 工信部联信管〔2024〕256号, 五、（十五））. */
export interface Prepositioned {
  satPhones: number;
  beidou: number;
}

/** The properties of a township as the townships layer writes them: its pre-positioned terminals where it has any, and its county's code and name. */
export function townshipLayerProps(
  t: { readonly id: string; readonly nameZh: string; readonly nameEn: string; readonly population: number },
  prepositioned: Prepositioned | undefined,
  county: { code: string; nameZh: string },
): TownshipProps {
  return {
    id: t.id,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    population: t.population,
    ...(prepositioned ? { prepositionedSatPhones: prepositioned.satPhones, prepositionedBeidou: prepositioned.beidou } : {}),
    code: county.code,
    county: county.nameZh,
  };
}
