// Shared lint rules: neostandard for style, plus type-aware rules that catch promise mistakes
// (a forgotten await in a route or event handler loses errors and breaks graceful shutdown).
import neostandard from 'neostandard'
import tseslint from 'typescript-eslint'

/** @param {string} tsconfigRootDir the package folder (pass import.meta.dirname) */
export function config (tsconfigRootDir) {
  return [
    { ignores: ['dist/**', 'coverage/**', 'sql/**', '*.config.*'] },
    ...neostandard({ ts: true }),
    {
      files: ['**/*.ts'],
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir }
      },
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/await-thenable': 'error',
        '@typescript-eslint/no-unnecessary-type-assertion': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-explicit-any': 'error',
        // `void promise` is how a deliberately unawaited promise is marked for no-floating-promises.
        'no-void': ['error', { allowAsStatement: true }]
      }
    }
  ]
}
