/**
 * Rewrites the PR-comment examples in docs/action.md (a 1-model PR and a 40-model monorepo PR)
 * and README.md (a backbone swap), each between its two marker comments, with the comment the
 * action posts, rendered from real analyses of the fixture models (test/check/outcomes.ts).
 *
 *   npx tsx scripts/comment-examples.ts           # rewrite both
 *   npx tsx scripts/comment-examples.ts --check   # exit 1 when either is stale
 *
 * test/check/comment-examples.test.ts checks they are fresh (like dist/).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCheckMarkdown } from '../src/check/markdown.js';
import { runCheck } from '../src/check/run.js';
import { analysis, buildOutcome, monorepo, type ModelSpec } from '../test/check/outcomes.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Target {
  file: string;
  begin: string;
  end: string;
  section: () => string;
}

const render = (specs: ModelSpec[], baselineNote: string) => renderCheckMarkdown(buildOutcome(specs), { version: '0.1.0', baselineNote }).trimEnd();

/** A rendered example, collapsible (the comment's own headings and tables, as GitHub shows them). */
const example = (summary: string, md: string) => [`<details open><summary>${summary}</summary>`, '', md, '', '</details>'].join('\n');

/** docs/action.md: a 1-model PR and a 40-model monorepo PR. */
function docsSection(): string {
  // 1 model: resnet18's input grows to a batch of 2; a params budget and a GMACs increase limit.
  const one = render(
    [
      {
        path: 'models/classifier.onnx',
        base: { fixture: 'resnet18' },
        head: { fixture: 'resnet18', batch: 2 },
        budgets: [`params: ${Math.ceil(analysis({ fixture: 'resnet18' }).totals.params * 1.2)}`, 'max-increase: { gmacs: 150% }'],
      },
    ],
    'compared with the merge-base 1a2b3c4d5e6f',
  );
  // 40 models: a backbone swap (resnet50 -> resnet18) and one model at twice the batch; the rest unchanged.
  const many = render(
    monorepo(40, { 1: { head: { fixture: 'resnet18' } }, 14: { head: { fixture: 'mobilenet_v2', batch: 2 } } }),
    'compared with the merge-base 1a2b3c4d5e6f',
  );
  return [
    example('The comment on a PR that changes one model (resnet18 at a batch of 2 instead of 1)', one),
    '',
    example('The comment on a monorepo PR: 40 models, two changed (a batch change and a backbone swap)', many),
  ].join('\n');
}

/** README.md: a detector's backbone swapped (MobileNetV3-Large -> V2), and a captioner unchanged. */
function readmeSection(): string {
  return render(
    [
      {
        path: 'models/backbone.onnx',
        base: { fixture: 'mobilenet_v3_large' },
        head: { fixture: 'mobilenet_v2' },
        budgets: [
          'params: 5M',
          'gmacs: 0.3',
          'latency: { jetson-orin-nano: 4ms, raspberry-pi-5: { max: 12ms, level: warn } }',
          'max-increase: { params: 10%, latency: 25% }',
        ],
      },
      {
        path: 'models/captioner.onnx',
        base: { fixture: 'tiny-gpt' },
        head: { fixture: 'tiny-gpt' },
        budgets: ['params: 1M', 'latency: { jetson-orin-nano: 3ms }'],
      },
    ],
    'compared with the merge-base 3f2a9c1d07b4',
  );
}

/** The budgets file of README's LLM example (the torch-exported Llama-style fixture as models/decoder.onnx). */
export const LLM_BUDGETS = `version: 1
devices: [jetson-orin-nano, raspberry-pi-5]
models:
  - path: models/decoder.onnx
    dims: { batch: 1 }
    phases:
      prefill: { sequence: 512, past_sequence: 0 }
      decode: { sequence: 1, past_sequence: 511 }
    generate: { prompt: 128, tokens: 20 }
    budgets:
      kv-cache: 1MB
      latency: { jetson-orin-nano: { prefill: 5ms, decode: 2ms } }
      tokens-per-second: { jetson-orin-nano: 500, raspberry-pi-5: { min: 1000, level: warn } }
      time-to-first-token: { raspberry-pi-5: 20ms }
`;

/** README.md, LLM phases: the budgets file above and the comment \`check\` renders for it, from a real run. */
function llmSection(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-llm-example-'));
  try {
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'models'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'models', 'llama_tiny.onnx'), join(dir, 'models', 'decoder.onnx'));
    writeFileSync(join(dir, 'budgets.yml'), LLM_BUDGETS);
    const outcome = runCheck({ budgetsPath: join(dir, 'budgets.yml'), root: dir });
    const md = renderCheckMarkdown(outcome, { version: '0.1.0', baselineNote: 'no baseline' }).trimEnd();
    return ['```yaml', LLM_BUDGETS.trimEnd(), '```', '', example('The comment for it (models/decoder.onnx: test/fixtures/models/llama_tiny.onnx)', md)].join(
      '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const TARGETS: Target[] = [
  {
    file: join(ROOT, 'docs', 'action.md'),
    begin: '<!-- comment-examples:begin (generated by scripts/comment-examples.ts) -->',
    end: '<!-- comment-examples:end -->',
    section: docsSection,
  },
  {
    file: join(ROOT, 'README.md'),
    begin: '<!-- readme-comment:begin (generated by scripts/comment-examples.ts) -->',
    end: '<!-- readme-comment:end -->',
    section: readmeSection,
  },
  {
    file: join(ROOT, 'README.md'),
    begin: '<!-- readme-llm-comment:begin (generated by scripts/comment-examples.ts) -->',
    end: '<!-- readme-llm-comment:end -->',
    section: llmSection,
  },
];

/** `text` with the section between the target's markers regenerated. */
export function withExamples(text: string, t: Target): string {
  const a = text.indexOf(t.begin);
  const b = text.indexOf(t.end);
  if (a < 0 || b < a) throw new Error(`${t.file}: the markers ${t.begin} and ${t.end} are missing`);
  return `${text.slice(0, a)}${t.begin}\n\n${t.section()}\n\n${text.slice(b)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let stale = false;
  for (const t of TARGETS) {
    const text = readFileSync(t.file, 'utf8');
    const next = withExamples(text, t);
    if (next === text) continue;
    if (process.argv.includes('--check')) {
      console.error(`${t.file}: the comment examples are stale; run npx tsx scripts/comment-examples.ts`);
      stale = true;
    } else writeFileSync(t.file, next);
  }
  if (stale) process.exit(1);
}
