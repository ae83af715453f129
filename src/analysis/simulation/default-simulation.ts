import { simulationRequestSchema, type SimulationRequest } from './simulation-request.js';

/**
 * The variables a term sheet's simulation draws when the request names none (term-sheet
 * `include=simulation`, CLI `--simulation '{}'`): the four every deal has, as in the 10,000-draw
 * benchmark — revenue ~ Normal(0, 10%), capex ~ Triangular(−5%, 0, +20%) (overruns likelier than
 * savings), opex ~ Uniform(−10%, +10%), loan rates × LogNormal(0, 0.1). A deal without loans is
 * unmoved by the last.
 */
export const DEFAULT_SIMULATION_VARIABLES: SimulationRequest['variables'] = [
  { driver: { driver: 'revenue' }, distribution: { kind: 'normal', mean: '0', sd: '0.1' } },
  { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
  { driver: { driver: 'opex' }, distribution: { kind: 'uniform', min: '-0.1', max: '0.1' } },
  { driver: { driver: 'interest-rate' }, distribution: { kind: 'lognormal', mu: '0', sigma: '0.1' } },
];

/** A simulation request whose `variables` may be left out: then they are DEFAULT_SIMULATION_VARIABLES. */
export const termSheetSimulationSchema = simulationRequestSchema.extend({
  variables: simulationRequestSchema.shape.variables.default(() => structuredClone(DEFAULT_SIMULATION_VARIABLES)),
});
