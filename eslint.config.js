import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // The ideographic space (U+3000) is part of Japanese text and layout.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches the main process only through the typed API client.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron'],
              message: 'renderer は electron/ を import できません（API クライアントを使う）',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the thin shell talks to Electron; everything behind it is plain Node, testable without it.
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/window.ts',
      'electron/dialogs.ts',
      'electron/print.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message:
                'electron を import できるのは殻のファイル（main・preload・window・dialogs・print）だけです',
            },
            { group: ['**/renderer/**'], message: 'electron/ は renderer/ を import できません' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      // shared/ runs in both processes: no Node built-ins, no DOM, no electron.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'electron', '**/electron/**', '**/renderer/**'],
              message: 'shared/ は純粋な TypeScript に保つ',
            },
          ],
        },
      ],
    },
  },
);
