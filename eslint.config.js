/**
 * `npm run lint`: ESLint (typescript-eslint, React hooks, import sorting in Payload's style) and Prettier
 * (`npm run format` writes, `npm run lint` checks) with Payload's own settings (.prettierrc.json).
 */
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import perfectionist from 'eslint-plugin-perfectionist'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dev/.next/',
      'dev/app/(payload)/admin/importMap.js',
      'test-results/',
      '.cache/',
      'data/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic rules of hooks; the React Compiler's stricter rules (purity, refs, setState in
      // effects) flag server components that read the clock and are not adopted here.
      'react-hooks/exhaustive-deps': 'warn',
      'react-hooks/rules-of-hooks': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrors: 'none', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    rules: {
      // Tests and Payload's loosely typed hook arguments use `any` on purpose; the domain core does not.
      '@typescript-eslint/no-explicit-any': 'off',
      // Address and header validation matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    plugins: { perfectionist },
    rules: {
      'perfectionist/sort-imports': ['error', { order: 'asc', type: 'natural' }],
      'perfectionist/sort-named-exports': ['error', { order: 'asc', type: 'natural' }],
      'perfectionist/sort-named-imports': ['error', { order: 'asc', type: 'natural' }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'AbortController',
          'clearTimeout',
          'console',
          'CustomEvent',
          'customElements',
          'document',
          'fetch',
          'HTMLElement',
          'localStorage',
          'process',
          'Request',
          'Response',
          'sessionStorage',
          'setTimeout',
          'URL',
          'URLSearchParams',
          'window',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  prettier,
)
