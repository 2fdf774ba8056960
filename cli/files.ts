// Scenario files from the local disk: shared with the drill server (workers/).
export { diskScenarioFiles, readTargetsText } from '../workers/disk-files.ts';
