// Flat config. The layering rules are the point: src-core stays plain Node,
// the renderer reaches the core only through the contract (src-core/api).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

const uiAndShell = ['electron', 'react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];

// src-core's floors, bottom up: a folder imports only from its own floor's folder
// and the floors below it (DESIGN.md), so that a reader can rely on the order.
const coreFloors = [
  ['api'],
  ['util'],
  ['docker'],
  ['realm'],
  ['engines'],
  ['proxy', 'catalog'],
  ['host'],
  ['serve'],
  ['cli'],
];
const coreUi = { group: uiAndShell, message: 'src-core must not import electron or UI code.' };

function coreFloorBlock(floor, folder) {
  const above = coreFloors
    .slice(floor)
    .flat()
    .filter((other) => other !== folder);
  return {
    files: [`src-core/${folder}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            coreUi,
            {
              regex: `^\\.\\./(${above.join('|')})(/|$)`,
              message: `src-core/${folder} must not import a floor above it or beside it (${coreFloors.map((f) => f.join(', ')).join(' < ')}).`,
            },
            ...(folder === 'api'
              ? [
                  {
                    regex: '^node:',
                    message: 'The contract runs in the renderer too: no node: imports.',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
}

const rendererPatterns = [
  {
    regex: '^(node:|dockerode|electron|better-sqlite3|ws$)',
    message: 'The renderer runs in a browser sandbox.',
  },
  {
    regex: 'src-core/(?!api(/|$))',
    message: 'The renderer may import only src-core/api (the contract).',
  },
];

// Read, not listed, so that a view added later is held by the same rule.
const rendererViews = readdirSync(`${import.meta.dirname}/renderer/views`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

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
    rules: { 'no-restricted-imports': ['error', { patterns: [coreUi] }] },
  },
  ...coreFloors.flatMap((folders, floor) => folders.map((folder) => coreFloorBlock(floor, folder))),
  // One module holds the launch sequence: only the launcher takes reservations.
  {
    files: ['src-core/**'],
    ignores: ['src-core/engines/launcher.ts', 'src-core/engines/engine-registry.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='reserveEngines']",
          message:
            'Launches go through the Launcher (src-core/engines/launcher.ts), the one place reservations are taken and released.',
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  // The renderer's floors: store, context, components < views < app (which composes
  // the views). A later block's option replaces an earlier one's, so each repeats
  // the renderer's patterns.
  {
    files: ['renderer/{components,context,format,store,transport}/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            {
              regex: '^(\\.\\./)+(views|app)(/|$)',
              message: 'Shared renderer code sits below the views: it imports no view, nor app/.',
            },
          ],
        },
      ],
    },
  },
  ...rendererViews.map((view) => ({
    files: [`renderer/views/${view}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            {
              regex: '^(\\.\\./)+app(/|$)',
              message: 'A view must not import renderer/app, which composes the views.',
            },
            {
              regex: `^(\\.\\./)+(views/)?(?!${view}/)(${rendererViews.join('|')})(/|$)`,
              message: 'A view must not import another view: shared pieces go to components/.',
            },
          ],
        },
      ],
    },
  })),
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
