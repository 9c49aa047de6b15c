// Flat config. The layering rules are the point: src-core stays plain Node,
// the renderer reaches the core only through the contract (src-core/api).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const uiAndShell = ['electron', 'react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiAndShell, message: 'src-core must not import electron or UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:|dockerode|electron|better-sqlite3|ws$)',
              message: 'The renderer runs in a browser sandbox.',
            },
            {
              regex: 'src-core/(?!api(/|$))',
              message: 'The renderer may import only src-core/api (the contract).',
            },
          ],
        },
      ],
    },
  },
  // Electron's two processes: a file's folder says which one runs it.
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(electron/)?preload(/|$)',
              message: 'The main process must not import the preload’s files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(electron/)?main(/|$)',
              message: 'The preload must not import the main process’s files.',
            },
            {
              regex: 'src-core/(?!api(/|$))',
              message: 'The sandboxed preload may import only src-core/api (the contract).',
            },
          ],
        },
      ],
    },
  },
);
