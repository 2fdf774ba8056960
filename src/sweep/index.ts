// The what-if planner's pure layer: variants against a base scenario, one row
// per run, and the statistics and report of a sweep. Hosts (cli/sweep.ts, the
// sweep worker) read files and run the pool.
export { BASE_VARIANT, VARIANTS_FORMAT, VARIANTS_SCHEMA, checkVariantIds, validateVariants, variantFiles, variantParams, variantsWithBase, type Variant, type VariantsDoc } from './variants.ts';
export { SWEEP_ROW_FORMAT, parseRows, rowKey, sweepRow, type SweepRow } from './rows.ts';
export { SWEEP_SUMMARY_FORMAT, chartsCsv, sharePercent, summariseSweep, summaryCsv, summaryFigures, summaryHtml, type SweepSummary } from './summary.ts';
export { loadVariantWorld, rowRunner, type RowTask } from './run-row.ts';
export { meanWithInterval, pairedDifference, percentiles, tQuantile975, wilson } from './stats.ts';
