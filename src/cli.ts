import { readFileSync, writeFileSync } from 'node:fs';
import type { Role } from './db/schema.js';
import { parseDeal } from './deal/parse-deal.js';
import type { Problem } from './deal/problem.js';
import type { Deal } from './deal/deal-schema.js';
import { evaluateDeal, type Evaluation } from './engine/evaluate-deal.js';
import { PARTY_ZH } from './engine/contributions.js';
import { totalOf } from './engine/series.js';
import { findRow } from './engine/statement.js';
import { serializeEvaluation } from './engine/to-wire.js';
import { nameTermSheetFile } from './export/workbook-file-name.js';
import type { TermSheetExtras } from './export/build-term-sheet.js';
import type { D } from './finance/decimal.js';
import { readEnv } from './env.js';
import { readDefaultAsOf } from './api/evaluation/as-of.js';
import { printBonds } from './cli-bonds.js';
import { printPhasedOpenings } from './cli-phases.js';
import { ANALYSIS_USAGE } from './cli-analysis-usage.js';

const USAGE = `Usage:
  npm run evaluate -- <deal.json> [--json] [--as-of YYYY-MM-DD]

  npm run term-sheet -- <deal.json> [-o <file.xlsx>] [--as-of YYYY-MM-DD] [--stress] [--sensitivity] [--simulation <json|file>]
  npm run term-sheet -- <deal.json> --pdf [-o <file.pdf>] [--as-of YYYY-MM-DD]

  npm run cli -- keys create --org <name> --role <admin|modeler|reviewer|budget> [--label <text>]
${ANALYSIS_USAGE}

  evaluate: evaluates a deal (or a template from models/) and prints its key indicators and a yearly
  table in 万元. --json prints the whole evaluation result instead (decimals as strings).
  Exit codes: 0 evaluated; 2 the file or the deal has problems (each listed by path); 1 anything else.

  term-sheet: writes the deal's term-sheet workbook (.xlsx): cover, inputs, statements, contributions,
  fiscal view and a Checks sheet of live formulas. -o names the file (default: "<deal name>-条款摘要.xlsx").
  --stress adds the lender stress pack as a 压力测试 Stress tests sheet; --sensitivity the default tornado
  and switching values as a 敏感性分析 sheet (some seconds). --simulation runs a Monte Carlo simulation on
  worker threads and adds it as a 蒙特卡洛模拟 sheet: the simulate request as JSON text or a file, whose
  "variables" may be left out for the default four (revenue, capex, opex, loan rates): --simulation '{}'.
  --pdf writes the PDF term sheet instead (cover and key tables, A4, page numbers, the same document as
  GET …/term-sheet.pdf), printed by headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium);
  exit code 1 with the install command when it is missing.

  keys create: mints an API key for an organisation (created when new) in the service's database
  (DATABASE_PATH, default ./data/capital.db). The key alone goes to stdout, shown this once.`;

const ANALYSES = new Set(['solve', 'stress', 'sensitivity', 'simulate']);

function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'keys') return createKey(rest);
  if (command === 'term-sheet') return exportTermSheet(rest);
  if (ANALYSES.has(command)) return import('./cli-analysis.js').then(({ runAnalysisCommand }) => runAnalysisCommand(command, rest, readDefaultAsOf()));
  if (command !== 'evaluate') {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const json = rest.includes('--json');
  const asOfIndex = rest.indexOf('--as-of');
  const asOf = asOfIndex >= 0 ? rest[asOfIndex + 1] : readDefaultAsOf();
  const file = rest.find((a, i) => !a.startsWith('--') && (asOfIndex < 0 || i !== asOfIndex + 1));
  if (file === undefined || asOf === undefined) {
    console.error(USAGE);
    return 2;
  }
  const loaded = loadEvaluation(file, asOf);
  if (typeof loaded === 'number') return loaded;
  const outcome = loaded.evaluation;
  if (json) console.log(JSON.stringify(serializeEvaluation(outcome), null, 2));
  else printSummary(outcome);
  return 0;
}

/** Read, parse and evaluate a deal file, or report its problems (exit code 2). */
function loadEvaluation(file: string, asOf: string): { deal: Deal; evaluation: Evaluation } | number {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return reportProblems(file, [{ code: 'UNREADABLE_FILE', path: '', message: (error as Error).message }]);
  }
  const parsed = parseDeal(input);
  if (!parsed.ok) return reportProblems(file, parsed.problems);
  const outcome = evaluateDeal(parsed.deal, { asOf });
  if (!outcome.ok) return reportProblems(file, outcome.problems);
  return { deal: parsed.deal, evaluation: outcome };
}

async function exportTermSheet(args: string[]): Promise<number> {
  if (args.includes('--pdf')) return exportTermSheetPdf(args.filter((a) => a !== '--pdf'));
  const output = readFlag(args, '-o') ?? readFlag(args, '--output');
  const asOf = readFlag(args, '--as-of') ?? readDefaultAsOf();
  const simulationText = readFlag(args, '--simulation');
  const flagValues = new Set(['-o', '--output', '--as-of', '--simulation'].map((f) => args.indexOf(f) + 1).filter((i) => i > 0));
  const file = args.find((a, i) => !a.startsWith('-') && !flagValues.has(i));
  if (file === undefined || (args.includes('--simulation') && simulationText === undefined)) {
    console.error(USAGE);
    return 2;
  }
  // The workbook's modules (exceljs and the sheet builders) load only for this command, so that
  // `evaluate` starts without them.
  const [{ parseJsonOption, simulateOnPool }, { termSheetSimulationSchema }, { writeTermSheet }, { runTermSheetAnalyses }] = await Promise.all([
    import('./cli-analysis.js'),
    import('./analysis/simulation/default-simulation.js'),
    import('./export/build-term-sheet.js'),
    import('./export/term-sheet-extras.js'),
  ]);
  const loaded = loadEvaluation(file, asOf);
  if (typeof loaded === 'number') return loaded;
  const target = output ?? nameTermSheetFile({ dealName: loaded.deal.name, include: { stress: args.includes('--stress'), sensitivity: args.includes('--sensitivity') } });
  const request = simulationText === undefined ? undefined : parseJsonOption(simulationText, termSheetSimulationSchema);
  if (request && !request.ok) return reportProblems('--simulation', request.problems);
  const analyses = runTermSheetAnalyses(loaded.deal, asOf, { stress: args.includes('--stress'), sensitivity: args.includes('--sensitivity') });
  if (!analyses.ok) return reportProblems(file, analyses.problems);
  const extras: TermSheetExtras = analyses.extras;
  if (request) {
    const simulation = await simulateOnPool(loaded.deal, request.value, asOf);
    if (!simulation.ok) return reportProblems('--simulation', simulation.problems);
    extras.simulation = { request: request.value, result: simulation.result };
  }
  writeFileSync(target, await writeTermSheet(loaded.deal, loaded.evaluation, extras));
  console.error(`${target}: term sheet of ${loaded.deal.name} (as of ${asOf}), ${loaded.evaluation.warnings.length} warning(s) listed on its cover`);
  return 0;
}

/** `term-sheet --pdf`: the PDF term sheet of a deal file, printed by headless Chromium. */
async function exportTermSheetPdf(args: string[]): Promise<number> {
  const output = readFlag(args, '-o') ?? readFlag(args, '--output');
  const asOf = readFlag(args, '--as-of') ?? readDefaultAsOf();
  const flagValues = new Set(['-o', '--output', '--as-of'].map((f) => args.indexOf(f) + 1).filter((i) => i > 0));
  const file = args.find((a, i) => !a.startsWith('-') && !flagValues.has(i));
  if (file === undefined || args.some((a) => ['--stress', '--sensitivity', '--simulation'].includes(a))) {
    console.error(`${USAGE}\n\n--pdf takes no analysis sheets (--stress, --sensitivity, --simulation are workbook options)`);
    return 2;
  }
  const { chromiumPath } = readEnv();
  // Chromium's driver (playwright-core) loads only for this command.
  const [{ CHROMIUM_INSTALL_HINT, DEFAULT_PDF_TIMEOUT_MS, isPdfPrinterAvailable }, { writeTermSheetPdf }] = await Promise.all([
    import('./export/pdf/print-pdf.js'),
    import('./export/pdf/write-term-sheet-pdf.js'),
  ]);
  if (!isPdfPrinterAvailable({ chromiumPath })) {
    console.error(`no Chromium at ${chromiumPath} to print the PDF: ${CHROMIUM_INSTALL_HINT}`);
    return 1;
  }
  const loaded = loadEvaluation(file, asOf);
  if (typeof loaded === 'number') return loaded;
  const target = output ?? nameTermSheetFile({ dealName: loaded.deal.name }).replace(/\.xlsx$/, '.pdf');
  writeFileSync(target, await writeTermSheetPdf(loaded.deal, serializeEvaluation(loaded.evaluation), { chromiumPath, timeoutMs: DEFAULT_PDF_TIMEOUT_MS }));
  console.error(`${target}: PDF term sheet of ${loaded.deal.name} (as of ${asOf})`);
  return 0;
}

/** The value after a flag (`--org bank`), or undefined. */
function readFlag(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

async function createKey(args: string[]): Promise<number> {
  // The database driver (better-sqlite3, drizzle) loads only for this command.
  const [{ ROLES }, { prepareDatabase, describeDatabaseLocation }, { createKeyForOrganisation }, { resolveApiKeySecret }] = await Promise.all([
    import('./db/schema.js'),
    import('./db/prepare-database.js'),
    import('./db/create-key.js'),
    import('./db/api-key-secret.js'),
  ]);
  const [subcommand] = args;
  const organisation = readFlag(args, '--org')?.trim();
  const role = readFlag(args, '--role');
  const label = readFlag(args, '--label');
  if (subcommand !== 'create' || !organisation || role === undefined) {
    console.error(USAGE);
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
    return 2;
  }
  if (organisation.length > 100 || organisation.includes('/')) {
    console.error('--org must be a name of at most 100 characters without "/"');
    return 2;
  }
  const env = readEnv();
  const database = await prepareDatabase(env);
  try {
    const apiKeySecret = resolveApiKeySecret({ configured: env.apiKeySecret, databasePath: env.databasePath });
    const made = await createKeyForOrganisation(database.db, { organisation, role: role as Role, label, at: new Date().toISOString(), apiKeySecret });
    const where = made.organisationCreated ? `new organisation "${organisation}"` : `organisation "${organisation}"`;
    console.error(`A ${role} key (${made.keyId}) of the ${where}, in ${describeDatabaseLocation(env)}. It is shown this once:`);
    console.log(made.key);
    return 0;
  } finally {
    await database.close();
  }
}

function reportProblems(file: string, problems: Problem[]): number {
  console.error(`${file}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p.path || '(file)'}  [${p.code}]  ${p.message}`);
  return 2;
}

const wan = (v: D) => v.div(10_000).toFixed(2);
const percent = (v: D | null) => (v === null ? '—' : `${v.times(100).toFixed(2)}%`);
const yearsText = (v: D | null) => (v === null ? '—' : `${v.toFixed(2)} 年`);

function printSummary(e: Evaluation): void {
  const m = e.metrics;
  const notes = e.metricNotes;
  const line = (label: string, value: string, note?: string) => console.log(`  ${label.padEnd(34)} ${value}${note ? `   (${note})` : ''}`);
  console.log(`${e.deal.name}   as of ${e.asOf}   engine ${e.engineVersion}`);
  console.log('Key indicators');
  line('Total investment 总投资 (万元)', wan(m.totalInvestment));
  line('Project FIRR pre-tax 税前', percent(m.projectIrrPreTax), notes.projectIrrPreTax);
  line('Project FIRR after tax 税后', percent(m.projectIrrAfterTax), notes.projectIrrAfterTax);
  line(`Project FNPV pre-tax @${percent(m.discountRate)} (万元)`, wan(m.projectNpvPreTax));
  line(`Project FNPV after tax @${percent(m.discountRate)} (万元)`, wan(m.projectNpvAfterTax));
  line('Programme FIRR after tax 全口径', percent(m.programmeIrrAfterTax), notes.programmeIrrAfterTax);
  line(`Programme FNPV after tax @${percent(m.discountRate)} (万元)`, wan(m.programmeNpvAfterTax));
  line('Static payback 静态回收期', yearsText(m.paybackStaticYears), notes.paybackStaticYears);
  line('Dynamic payback 动态回收期', yearsText(m.paybackDynamicYears), notes.paybackDynamicYears);
  line('ROI 总投资收益率', percent(m.roi));
  line('ROE 资本金净利润率', percent(m.roe));
  line('Self-financing ratio 自平衡率', percent(m.selfFinancingRatio));
  line('Break-even parking occupancy', percent(m.breakEvenParkingOccupancy), notes.breakEvenParkingOccupancy);
  printDebt(e);
  printBonds(e);
  printContributions(e);

  const cf = e.statements.projectCashFlow;
  const pl = e.statements.profitAndLoss;
  const columns: [string, D[]][] = [
    ['营业收入', findRow(cf, 'operatingRevenue').values],
    ['经营成本', findRow(cf, 'operatingCost').values],
    ['建设投资', findRow(cf, 'constructionInvestment').values],
    ['利润总额', findRow(pl, 'profitBeforeTax').values],
    ['所得税', findRow(pl, 'incomeTax').values],
    ['税前净现金流', findRow(cf, 'netCashFlowPreTax').values],
    ['税后净现金流', findRow(cf, 'netCashFlowAfterTax').values],
    ['累计税后', findRow(cf, 'cumulativeAfterTax').values],
  ];
  console.log('\nYearly (万元)');
  console.log(['  t', 'year'.padStart(6), ...columns.map(([h]) => h.padStart(12 - h.length))].join(' '));
  e.years.forEach((y, i) => {
    const cells = columns.map(([, values]) => wan(values[i]!).padStart(12));
    console.log([String(y.t).padStart(3), String(y.calendarYear).padStart(6), ...cells].join(' '));
  });
  printPhasedOpenings(e);
  if (e.warnings.length > 0) {
    console.log('\nWarnings');
    for (const w of e.warnings) console.log(`  [${w.code}] ${w.path}: ${w.message}${w.years ? ` (${w.years.join(', ')})` : ''}`);
  }
}

const ratioText = (v: D | null) => (v === null ? '—' : v.toFixed(2));

function printDebt(e: Evaluation): void {
  const m = e.metrics;
  const notes = e.metricNotes;
  const line = (label: string, value: string, note?: string) => console.log(`  ${label.padEnd(34)} ${value}${note ? `   (${note})` : ''}`);
  console.log('\nEquity and debt');
  line('Equity FIRR 资本金内部收益率', percent(m.equityIrr), notes.equityIrr);
  for (const i of e.debt.investors) line(`  ${i.investor} (${percent(i.profitShare)} of profit)`, percent(i.irr.rate), i.irr.rate === null ? i.irr.reason : undefined);
  // 一本账 (methodology §9.8): only where the deal counts the investor as the builder.
  if (m.constructionProfitAfterTax !== null) {
    line('  with 施工利润 (one ledger 一本账)', percent(m.equityIrrWithConstructionProfit), `施工利润 after tax ${wan(m.constructionProfitAfterTax)} 万元`);
  }
  line('项目资本金 ratio', percent(m.equityRatio));
  line('Construction interest 建设期利息 (万元)', wan(m.constructionInterest));
  for (const d of e.financing.debts) {
    line(`  ${d.source.name} [${d.source.kind}] (万元)`, `${wan(totalOf(d.draw))} at ${percent(d.rate)}`);
  }
  line('DSCR min / avg 偿债备付率', `${ratioText(m.minDscr)} / ${ratioText(m.avgDscr)}`, m.minDscr === null ? notes.minDscr : undefined);
  line('ICR min 利息备付率', ratioText(m.minIcr), m.minIcr === null ? notes.minIcr : undefined);
  line('LLCR', ratioText(m.llcr), m.llcr === null ? notes.llcr : undefined);
  line('Bond coverage gross / net 本息覆盖倍数', `${ratioText(m.bondCoverageGross)} / ${ratioText(m.bondCoverageNet)}`, m.bondCoverageNet === null ? notes.bondCoverageNet : undefined);
}

function printContributions(e: Evaluation): void {
  const c = e.contributions;
  console.log(`\nWho pays 出资分担 (建设投资 ${wan(c.total.nominal)} 万元; PV ${wan(c.total.pv)} 万元)`);
  for (const r of c.bySource) {
    if (r.nominal.isZero()) continue;
    console.log(`  ${r.name.padEnd(24)} ${r.party.padEnd(12)} ${(r.level ?? '').padEnd(10)} ${wan(r.nominal).padStart(12)} 万元 ${percent(r.share).padStart(8)}`);
  }
  const perHousehold = c.perHousehold?.filter((p) => !p.amount.isZero()).map((p) => `${PARTY_ZH[p.party]} ${p.amount.toFixed(2)}`).join('; ');
  if (perHousehold) console.log(`  per household 户均 (元): ${perHousehold}`);
  for (const el of c.elevators) {
    console.log(`  elevator ${el.itemId}: ${el.elevators} × ${el.costPerElevator.toFixed(2)} 元, subsidy ${el.subsidyPerElevator.toFixed(2)} 元 each, residents ${el.residentsPerElevator.toFixed(2)} 元 each`);
    for (const f of el.byFloor) console.log(`    floor ${String(f.floor).padStart(2)}  coefficient ${f.coefficient.toString().padEnd(4)}  per household ${f.perHousehold[0]!.toFixed(2)} 元 (provident fund ${f.providentFund[0]!.toFixed(2)})`);
  }
}

void Promise.resolve()
  .then(() => main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
