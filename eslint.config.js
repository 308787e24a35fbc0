import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads', 'stream']

// Where code runs decides what it may import (VS Code's common/node/browser rule).
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-screenshots/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // DossierApi is one interface extending each feature's API.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: restrict(['electron', ...node, 'react', 'react-dom', '**/main/**', '**/renderer/**'], 'src/shared runs everywhere: no node, electron, DOM framework or app imports.'),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/**/*.test.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Our effects subscribe to the archive and set state from its async answers, which this rule cannot tell apart.
      'react-hooks/set-state-in-effect': 'off',
      // TanStack Virtual returns fresh functions by design; the compiler just skips that component.
      'react-hooks/incompatible-library': 'off',
      ...restrict(['electron', ...node, '**/main/**', '**/preload/**'], 'The renderer talks to the archive only through DossierApi.'),
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: restrict(['electron', '**/service/**', '**/shell/**', '**/http/**'], 'core is plain Node: no electron, and it does not know its callers.'),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([...node, '**/main/**', '**/renderer/**'], 'The preload only bridges the method list.'),
  },
)
