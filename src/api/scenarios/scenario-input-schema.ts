import { z } from '@hono/zod-openapi';
import { label } from '../../deal/primitives.js';

export const scenarioInputSchema = z
  .strictObject({
    name: label().openapi({ example: '停车位使用率降低 10%' }),
    revision: z
      .number({ error: 'must be a revision number: a whole number from 1' })
      .int({ error: 'must be a revision number: a whole number from 1' })
      .min(1, { error: 'must be a revision number: a whole number from 1' })
      .optional()
      .openapi({ description: 'The revision the overrides apply to; the current one when omitted.' }),
    overrides: z
      .union([z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'must be a JSON object (a merge patch of the deal) or an array (a JSON Patch of it)' })
      .openapi({
        description:
          'Either a JSON merge patch (RFC 7396) of the deal — an object: objects merge key by key, null removes a key, arrays and values replace whole — or a JSON Patch (RFC 6902) — an array of operations by path, where an array element is named by its index or by its `id`: `[{"op":"replace","path":"/revenue/fz-parking-community/monthlyFee","value":"180"}]` changes one price and nothing else.',
        example: { discountRate: '0.08', timeline: { operatingYears: 20 } },
      }),
  })
  .openapi('ScenarioInput');

/** The body of POST and PUT …/scenarios in the document (registered in openapi-document.ts). */
export const SCENARIO_INPUT_REF = { $ref: '#/components/schemas/ScenarioInput' } as const;
