// Scenario files from the local disk, for the CLI, Node workers and the drill server.
// Every read goes through user-file.ts: regular files only, a size
// limit, and files other than the scenario itself confined to its folder.
import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { LIMITS, type ScenarioFiles } from '../src/scenario/load.ts';
import { readUserFile, USER_FILE_LIMITS, userFileSize, UserFileError, type UserFileSpec } from './user-file.ts';

export function diskScenarioFiles(scenarioPath: string): ScenarioFiles {
  const full = resolve(scenarioPath);
  const dir = dirname(full);
  const mainName = basename(full);
  // The scenario file is the one the user named; everything it names must stay in its folder.
  const spec = (relPath: string): UserFileSpec => ({
    label: '',
    maxBytes: Math.max(LIMITS.layerBytes, LIMITS.scenarioBytes),
    within: relPath === mainName ? undefined : { root: dir, name: 'the scenario folder' },
  });
  const pathOf = (relPath: string) => (relPath === mainName ? full : relPath);
  return {
    mainName,
    scenarioId: basename(dir),
    size(relPath) {
      try {
        return userFileSize(pathOf(relPath), spec(relPath));
      } catch (err) {
        if (err instanceof UserFileError && err.reason === 'file not found') return null;
        throw new Error(err instanceof UserFileError ? err.reason : 'could not be read');
      }
    },
    read(relPath) {
      try {
        return readUserFile(pathOf(relPath), spec(relPath));
      } catch (err) {
        throw new Error(err instanceof UserFileError ? err.reason : 'could not be read');
      }
    },
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}

/**
 * The text of the capability-target profile a scenario names. It may be in
 * the scenario's folder or in a shared folder beside it (../targets/),
 * nowhere else. Throws UserFileError, naming `label`, when it cannot be read.
 */
export function readTargetsText(scenarioPath: string, targetsPath: string, label: string): string {
  const folder = dirname(resolve(scenarioPath));
  return readUserFile(targetsPath, {
    label,
    maxBytes: USER_FILE_LIMITS.targetsBytes,
    within: { root: dirname(folder), base: folder, name: 'the scenario folder or the folder that holds it', allowParent: true },
  });
}
