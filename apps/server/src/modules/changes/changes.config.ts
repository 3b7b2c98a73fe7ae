import type { Tx } from '../../platform/db/client.ts';
import { readModuleSetting } from '../settings/index.ts';
import type { CabRule } from './changes.risk.ts';

/** Change management settings (the Change Manager edits them; settings key `changes`). */
export interface ChangeSettings {
  /** Tokens: {yyyy} {yy} {mm} {dd} {unit} {seq:N}; the year is the requester company's. */
  numberPattern: string;
  cabRule: CabRule['kind'];
  /** Members who must have voted before the CAB rule decides. */
  quorum: number;
  /** The emergency CAB: the members who decide emergency changes, fast. */
  emergencyCabUserIds: number[];
  emergencyQuorum: number;
}

export const CHANGE_SETTINGS_KEY = 'changes';

export const CHANGE_SETTINGS_DEFAULTS: ChangeSettings = {
  numberPattern: 'CHG-{yyyy}-{seq:6}',
  cabRule: 'majority',
  quorum: 3,
  emergencyCabUserIds: [],
  emergencyQuorum: 2,
};

export async function changeSettings(tx: Tx): Promise<ChangeSettings> {
  return (await readModuleSetting(tx, CHANGE_SETTINGS_KEY, CHANGE_SETTINGS_DEFAULTS)).value;
}

/** The rule that decides a change sent to the CAB or to the emergency CAB. */
export function ruleFor(settings: ChangeSettings, route: 'cab' | 'emergency_cab'): CabRule {
  return { kind: settings.cabRule, quorum: route === 'cab' ? settings.quorum : settings.emergencyQuorum };
}
