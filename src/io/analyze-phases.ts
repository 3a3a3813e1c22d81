/**
 * A loaded model at each of its phases: every named phase's dims, and a generate run (a
 * prefill, then each decode step at its growing context), each analysed, given latency on the
 * devices and summarised (src/report/phases.ts). The model is decoded once.
 */
import type { Precision } from '../devices/catalog.js';
import type { DeviceModel } from '../devices/roofline.js';
import { withLatency } from '../report/latency.js';
import type { ModelReport, PhaseReport } from '../report/model-report.js';
import { analyseSteps, GENERATE, generateDims, generateReport, generateRoles, phaseReport, type GenerateRoles } from '../report/phases.js';
import type { OpenedModel } from './analyze-file.js';

export interface PhaseSpec {
  /** Each named phase's full dims (the model's with the phase's over them), in order. */
  phases?: Record<string, Record<string, number>>;
  generate?: { prompt: number; tokens: number; sequence?: string; past?: string; total?: string };
  /** The model's dims (generate's steps set their roles over these). */
  dims: Record<string, number>;
}

/** Generate's dim roles could not be found: which one, and why (callers say where to name it). */
export class GenerateRoleError extends Error {
  constructor(
    readonly role: 'sequence' | 'past',
    readonly why: string,
  ) {
    super(`cannot tell which dim is the ${role === 'past' ? 'past sequence (the KV cache length)' : 'sequence (new tokens)'}: ${why}`);
    this.name = 'GenerateRoleError';
  }
}

/** Generate's roles for a model (its report at the model's dims gives the KV cache), or the error. */
export function rolesOf(opened: OpenedModel, report: ModelReport, generate: NonNullable<PhaseSpec['generate']>): GenerateRoles {
  const roles = generateRoles(opened.declaredInputs, {
    pastDims: report.kvCache?.pastDims,
    pastInputs: report.kvCache?.past,
    override: { sequence: generate.sequence, past: generate.past, total: generate.total },
  });
  if ('missing' in roles) throw new GenerateRoleError(roles.missing, roles.why);
  return roles;
}

/**
 * The phases of a model: `report` is its report at the model's dims (for the KV cache the
 * generate roles are found from). Latency per device as the model's own.
 */
export function analyzePhases(
  opened: OpenedModel,
  report: ModelReport,
  spec: PhaseSpec,
  devices: readonly DeviceModel[],
  options: { precision?: Precision } = {},
): Record<string, PhaseReport> {
  const at = (name: string, dims: Record<string, number>) => {
    const r = withLatency(opened.analyze(dims).report, devices, { precision: options.precision });
    return phaseReport(name, r);
  };
  const out: Record<string, PhaseReport> = {};
  const total = totalRole(opened, report);
  for (const [name, dims] of Object.entries(spec.phases ?? {})) out[name] = at(name, withTotal(dims, total));
  const g = spec.generate;
  if (g) {
    const roles = rolesOf(opened, report, g);
    const prefill = at('prefill', generateDims(spec.dims, roles, g.prompt));
    const steps = analyseSteps(g.tokens - 1, (step) => at('decode', generateDims(spec.dims, roles, g.prompt, step)));
    out[GENERATE] = generateReport(prefill, steps, { prompt: g.prompt, tokens: g.tokens });
  }
  return out;
}

/** The model's total-length role (an attention mask's length = past + sequence), when the graph has one. */
function totalRole(opened: OpenedModel, report: ModelReport): GenerateRoles | null {
  const roles = generateRoles(opened.declaredInputs, { pastDims: report.kvCache?.pastDims, pastInputs: report.kvCache?.past });
  return 'missing' in roles || !roles.total ? null : roles;
}

/**
 * A named phase's dims with the total length bound to past + sequence when the phase leaves it
 * unset (a phase `{ sequence: 1, past_sequence: 511 }` means a mask of 512, not the default 1).
 */
export function withTotal(dims: Record<string, number>, roles: GenerateRoles | null): Record<string, number> {
  if (!roles?.total || Object.hasOwn(dims, roles.total) || !Object.hasOwn(dims, roles.sequence)) return dims;
  if (!roles.past.every((p) => Object.hasOwn(dims, p))) return dims;
  const past = roles.past.length ? dims[roles.past[0]] : 0;
  if (!roles.past.every((p) => dims[p] === past)) return dims;
  return { ...dims, [roles.total]: dims[roles.sequence] + past };
}
