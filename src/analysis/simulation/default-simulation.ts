import { DEFAULT_SIMULATION_VARIABLES, simulationRequestSchema } from './simulation-request.js';

export { DEFAULT_SIMULATION_VARIABLES };

/**
 * A simulation request whose `variables` may be left out: then they are DEFAULT_SIMULATION_VARIABLES
 * (simulation-request.ts). The simulate body itself takes the same default; this name stays for the
 * term sheet's `include=simulation` and the CLI's `--simulation`.
 */
export const termSheetSimulationSchema = simulationRequestSchema;
