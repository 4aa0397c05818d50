// Lint: typescript-eslint's recommended rules, plus the layer rules of docs/architecture.md:
// src/domain is pure (no database, HTTP, CLI, clock, environment or node: modules), only
// src/config.ts reads process.env, and the layers import only downwards.
import tseslint from 'typescript-eslint';

const layer = (name, forbidden) => ({
  group: forbidden.map((f) => `**/${f}/**`),
  message: `${name} must not import from ${forbidden.join(', ')} (docs/architecture.md, "Layers")`,
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/**', 'data/**', '.tmp/**', 'bench/decisions/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/config.ts' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('src/domain', ['db', 'api', 'cli', 'services']),
            {
              group: ['node:*', 'pg', '@electric-sql/*', 'hono', '@hono/*', 'zod'],
              message: 'src/domain is pure: no I/O libraries',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'src/domain takes the time as an argument',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain takes the time as an argument',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'src/domain is deterministic',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain reads no environment' },
        'fetch',
        'setTimeout',
        'setInterval',
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('src/db', ['api', 'cli', 'services'])] }],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('src/services', ['api', 'cli'])] }] },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('src/api', ['cli'])] }] },
  },
  {
    files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
