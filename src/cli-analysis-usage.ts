/** The analysis commands' usage, apart from their code so that `--help` and `evaluate` load none of it. */
export const ANALYSIS_USAGE = `  npm run cli -- solve <deal.json> --input <input> --target <indicator>=<value> [--bounds <lo>,<hi>] [--json]
  npm run cli -- stress <deal.json> [--request <json|file>] [--json]
  npm run cli -- sensitivity <deal.json> [--request <json|file>]
  npm run cli -- simulate <deal.json> --request <json|file> [--draws N] [--seed N] [--threads N]
  (every analysis also takes --as-of YYYY-MM-DD and --request with the HTTP body as JSON text or a file)

  solve inputs: subsidy[:<level>[:<years>]] (a new operating subsidy a year), grant:<source>, support:<id>,
    price:<stream>[:<formula input>], operating-years, residents:<source>, loan:<source>
  solve indicators: equityIrr, projectIrrAfterTax, projectNpvAfterTax, cumulativeCashFlowAfterTax (payback
    within the term at 0), minDscr, avgDscr, llcr, minIcr, bondCoverageNet, allDebtCoverageNet, …`;
