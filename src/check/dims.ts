/**
 * Dim names a user gives (budgets file `dims`, `--dims`) must be symbolic dims of the model:
 * a typo (`bacth`) would otherwise leave the real dim at its default and pass silently.
 */
import { closest } from '../util/suggest.js';
import { quoteToken } from '../util/sanitize.js';
import { BudgetFileError } from '../budgets/parse.js';
import type { BudgetsConfig, ModelConfig } from '../budgets/types.js';

/** The names in `given` that none of the models' symbol sets has. */
export function unknownDims(given: Iterable<string>, symbolSets: Iterable<readonly string[]>): string[] {
  const known = new Set<string>();
  for (const set of symbolSets) for (const s of set) known.add(s);
  return [...new Set(given)].filter((name) => !known.has(name));
}

/** "'bacth' is not a symbolic dim of X; did you mean 'batch'?" (or what the symbols are). */
export function unknownDimMessage(name: string, symbols: readonly string[], of: string): string {
  const all = [...new Set(symbols)].sort();
  const hint = closest(name, all);
  const tail = hint.length
    ? `; did you mean ${hint.map((h) => quoteToken(h)).join(' or ')}?`
    : all.length === 0
      ? ' (there are no symbolic dims to set)'
      : ` (symbolic dims: ${all
          .slice(0, 8)
          .map((s) => quoteToken(s))
          .join(', ')}${all.length > 8 ? ', ...' : ''})`;
  return `${quoteToken(name)} is not a symbolic dim of ${of}${tail}`;
}

/**
 * Every dim name of the budgets file against the models it was given to: a model entry's own
 * names must be a symbol of at least one of its files (a glob may match models that differ);
 * names from `defaults.dims` must be a symbol of at least one model of the file. The error points
 * at the name's key.
 */
export function checkConfigDims(cfg: BudgetsConfig, analysed: readonly { model: ModelConfig; path: string; symbols: readonly string[] }[]): void {
  const everywhere = analysed.map((a) => a.symbols);
  for (const model of cfg.models) {
    const mine = analysed.filter((a) => a.model === model);
    if (mine.length === 0) continue;
    for (const name of Object.keys(model.dims)) {
      const at = model.dimsAt?.[name];
      const fromDefaults = at?.keyPath.startsWith('defaults.') ?? false;
      const pool = fromDefaults ? analysed : mine;
      if (
        unknownDims(
          [name],
          pool.map((a) => a.symbols),
        ).length === 0
      )
        continue;
      const of =
        pool.length === 1
          ? quoteToken(pool[0].path, 80)
          : fromDefaults
            ? `any of the ${pool.length} models`
            : `any of the ${pool.length} models ${quoteToken(model.path, 80)} matches`;
      const symbols = (fromDefaults ? everywhere : mine.map((a) => a.symbols)).flat();
      const index = cfg.models.indexOf(model);
      throw new BudgetFileError(
        cfg.file,
        (at ?? model.at).line,
        (at ?? model.at).column,
        at?.keyPath ?? `models[${index}].dims`,
        unknownDimMessage(name, symbols, of),
      );
    }
  }
}

/**
 * A model entry's phase dims (and generate's named roles) against one of its files' symbols:
 * a name the model does not have is an error at its key.
 */
export function checkPhaseDims(cfg: BudgetsConfig, model: ModelConfig, path: string, symbols: readonly string[]): void {
  const known = new Set(symbols);
  const of = quoteToken(path, 80);
  for (const phase of Object.values(model.phases ?? {})) {
    for (const [name, at] of Object.entries(phase.own)) {
      if (!known.has(name)) throw new BudgetFileError(cfg.file, at.line, at.column, at.keyPath, unknownDimMessage(name, symbols, of));
    }
  }
  const g = model.generate;
  for (const role of ['sequence', 'past', 'total'] as const) {
    const name = g?.[role];
    const at = g?.rolesAt?.[role];
    if (name !== undefined && at && !known.has(name)) throw new BudgetFileError(cfg.file, at.line, at.column, at.keyPath, unknownDimMessage(name, symbols, of));
  }
}
