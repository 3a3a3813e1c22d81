// ESLint flat config: typescript-eslint's strict type-aware rules over the TypeScript sources,
// tests and scripts (the project service reads tsconfig.json). Generated output is not linted.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', '.tmp/', 'scripts/proto/', 'src/formats/tflite/schema_generated.ts', 'src/formats/tflite/schema_meta_generated.ts']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in messages and tables are formatted on purpose; anything else (undefined, null,
      // booleans, objects) in a template is still an error.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false },
      ],
      // Kept at the recommended level (off), not strict: `!` marks invariants the code has
      // checked (Map.get after has, regex groups, find on a known list); ~160 sites.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Stylistic: `(c) => (data += c)` and `() => void run()` read fine here.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // The decoders and report readers check values whose static type came from an unchecked
      // cast of untrusted input (JSON.parse, protobuf); those checks are the point.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // Plain JavaScript (the build script, this file) is not part of the TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
