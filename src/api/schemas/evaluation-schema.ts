import { z } from '@hono/zod-openapi';
import { fieldProblemSchema } from './problem-schema.js';

const decimal = (example: string, description: string) => z.string().nullable().openapi({ example, description });

const rowSchema = z.object({
  key: z.string(),
  no: z.string(),
  zh: z.string(),
  en: z.string(),
  values: z.array(z.string()).openapi({ description: 'One amount per year, 元 to the 分, as decimal strings; a rate to 10 places where unit is "ratio".' }),
  total: z.string().nullable(),
  unit: z.enum(['ratio']).optional().openapi({ description: 'Present on a row of ratios (资产负债率 of the balance sheet); absent on amounts.' }),
});

const statementSchema = z.object({ key: z.string(), zh: z.string(), en: z.string(), rows: z.array(rowSchema) }).openapi('Statement');

/**
 * The evaluation of a deal, as serializeEvaluation writes it. Documented loosely on purpose: the
 * engine adds sections (funding, contributions) and metrics, and they pass through unchanged.
 */
export const evaluationSchema = z
  .looseObject({
    engineVersion: z.string().openapi({ example: '0.3.5' }),
    asOf: z.string().openapi({ example: '2026-03-01' }),
    deal: z.object({ id: z.string().nullable(), name: z.string() }),
    years: z.array(z.looseObject({
      t: z.number().int(),
      calendarYear: z.number().int(),
      phase: z.enum(['construction', 'construction-and-operation', 'operation']).optional().openapi({ description: 'construction-and-operation: a construction year in which a phase opened early already operates (phased opening, methodology §10.11)' }),
      opening: z.array(z.string()).optional().openapi({ description: 'Ids of the streams, costs and works whose phased opening falls in this year' }),
    })),
    metrics: z
      .looseObject({
        projectIrrPreTax: decimal('0.0612345678', 'Project FIRR before income tax; null when there is none (metricNotes says why).'),
        projectIrrAfterTax: decimal('0.0512345678', 'Project FIRR after income tax.'),
        projectNpvAfterTax: decimal('1234567.89', 'Project FNPV after tax at discountRate, 元.'),
        paybackStaticYears: decimal('12.3456', 'Static payback in years from the start of construction; null if never paid back.'),
        paybackDynamicYears: decimal('15.6789', 'Dynamic (discounted) payback in years.'),
        equityIrr: decimal('0.0800000000', 'Equity IRR, once the deal has a capital structure (funding).').optional(),
        minDscr: decimal('1.3000000000', 'Lowest yearly DSCR over the debt life (funding).').optional(),
        llcr: decimal('1.4000000000', 'Loan life coverage ratio (funding).').optional(),
        bondCoverageNet: decimal('1.2000000000', 'Special-bond coverage, net of operating cost (funding).').optional(),
        maxDebtToAssetRatio: decimal('0.6500000000', 'Highest 资产负债率 (liabilities / assets) of the balance sheet over the years (methodology §11.8).').optional(),
      })
      .openapi({ description: 'Key indicators with stable camelCase names; decimals as strings, null when the indicator does not exist for the deal.' }),
    metricNotes: z.record(z.string(), z.string()),
    statements: z.record(z.string(), statementSchema).openapi({ description: 'Yearly tables (项目投资现金流量表, 利润与利润分配表, …, balanceSheet: 资产负债表 of the project entity with totalAssets, totalLiabilities, totalEquity and debtToAssetRatio by year).' }),
    debt: z
      .looseObject({
        facilities: z
          .array(
            z.looseObject({
              sourceId: z.string().openapi({ description: 'The loan or bond (funding.sources id).' }),
              kind: z.enum(['bank-loan', 'special-bond']),
              rank: z.number().int().openapi({ description: 'Place in the order of service from CFADS, 1 = first (waterfall.facilityOrder; default bonds, then loans).' }),
              minDscr: decimal('1.2000000000', 'Lowest DSCR of the facility: CFADS available to it (after the facilities ranked before it) / its own debt service, operating years with service.'),
              minDscrYear: z.number().int().nullable().openapi({ description: 'Calendar year of minDscr.' }),
              avgDscr: decimal('1.5000000000', 'Average of its yearly DSCRs.'),
              llcr: decimal('1.4000000000', 'PV at its own rate of the CFADS available to it, to its last maturity / its balance at llcrYear.'),
              llcrYear: z.number().int().nullable().openapi({ description: 'The test date: the first operating year in which it has a balance.' }),
              plcr: decimal('1.9000000000', 'As llcr, to the end of operation.'),
              plcrYear: z.number().int().nullable(),
              finalMaturityYear: z.number().int().nullable(),
              covenant: z
                .object({
                  minDscr: z.string().nullable().openapi({ example: '1.3', description: 'Its minimum DSCR: the facility\'s own covenants.minDscr, else for a bank loan the deal\'s covenants.minDscr; null when it has none (a bond states its own or has none).' }),
                  minLlcr: z.string().nullable().openapi({ example: '1.2', description: 'Its minimum LLCR, resolved as minDscr.' }),
                  dscrBreachYears: z.array(z.number().int()).openapi({ description: 'Calendar years its own DSCR is below minDscr beyond the covenant tolerance (1e-5); the years of the FACILITY_DSCR_BELOW_MINIMUM warning.' }),
                  llcrBreachYears: z.array(z.number().int()).openapi({ description: 'The LLCR test year (llcrYear) when its LLCR is below minLlcr; empty otherwise. The years of FACILITY_LLCR_BELOW_MINIMUM.' }),
                })
                .openapi({ description: 'The facility\'s covenant thresholds and the years it breaches them (methodology §11.9).' }),
              dscr: z.array(z.string().nullable()).openapi({ description: 'DSCR by year; null without service.' }),
            }),
          )
          .openapi({ description: 'Each loan and bond with its own cover ratios (methodology §11.9), in the deal\'s order; the pooled DSCR, ICR and LLCR are project level.' }),
      })
      .optional()
      .openapi({ description: 'Debt indicators by year (project level) and per facility.' }),
    bonds: z
      .array(
        z.looseObject({
          id: z.string(),
          earmarked: z.boolean(),
          batches: z.array(z.looseObject({ id: z.string(), status: z.enum(['issued', 'planned']), couponIsAssumption: z.boolean() })),
          coverageGross: decimal('1.2700000000', 'Σ earmarked revenue / Σ bond principal + interest over the bond life.'),
          coverageNet: decimal('1.1400000000', 'Σ earmarked net income / Σ bond principal + interest over the bond life.'),
          coverageAllDebt: decimal('1.0500000000', 'The same income over the bond and the loans it also serves (组合融资); null without such a loan.'),
          table: z.array(z.looseObject({ year: z.number().int() })).openapi({ description: '收益与融资自求平衡表: per year earmarked revenue by stream, costs, taxes, net income, principal, interest, yearly and cumulative coverage, repayment account balance and issuer top-up.' }),
        }),
      )
      .optional()
      .openapi({ description: 'Each special bond\'s 自求平衡 test (methodology §10).' }),
    waterfall: z
      .looseObject({
        distributions: z.array(z.string()),
        freeCash: z.array(z.string()),
        lockUpYears: z.array(z.number().int()),
        blockedYears: z.array(z.number().int()),
        dsraDrawYears: z.array(z.number().int()),
        survivalFailures: z.array(z.number().int()),
        returns: z.looseObject({ irr: decimal('0.0700000000', 'Equity IRR on what shareholders receive (应付利润 and the final cash); null without a root.') }),
      })
      .optional()
      .openapi({ description: 'The cash waterfall (methodology §11): 临时借款, DSRA and MMRA movements and balances, lock-up, 应付利润 (distributions), free cash, and the equity returns on distributions per shareholder.' }),
    contributions: z.unknown().optional().openapi({ description: 'Who pays how much, once the engine computes it.' }),
    warnings: z.array(z.looseObject({ code: z.string(), path: z.string(), message: z.string() })),
    problems: z.array(fieldProblemSchema),
  })
  .openapi('Evaluation');

export const evaluationSourceSchema = z
  .object({
    dealId: z.string(),
    revision: z.number().int(),
    contentHash: z.string().openapi({ description: 'SHA-256 of the evaluated deal (canonical JSON).' }),
    scenarioId: z.string().optional(),
  })
  .openapi('EvaluationSource');

/** An evaluation of a stored deal: the evaluation and what was evaluated. */
export const sourcedEvaluationSchema = evaluationSchema.extend({ source: evaluationSourceSchema }).openapi('StoredDealEvaluation');

export const asOfQuerySchema = z.object({
  asOf: z.iso
    .date({ error: 'must be a date YYYY-MM-DD' })
    .optional()
    .openapi({ example: '2026-03-01', description: 'As-of date of the evaluation; today (Asia/Shanghai) when omitted.' }),
});
