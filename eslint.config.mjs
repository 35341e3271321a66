import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const boundaries = (domainMayUseTesting) => [
  'error',
  {
    allow: [],
    depConstraints: [
      // Domain code is pure: no framework, no bus, no database. Its tests may use the testing library to find data.
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', ...(domainMayUseTesting ? ['type:testing'] : [])],
        bannedExternalImports: ['@nestjs/*', '@nats-io/*', 'typeorm', 'pg', '@grpc/*', 'express'],
      },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: ['@nestjs/*', '@nats-io/*', 'typeorm', 'pg'] },
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'] },
      { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
    ],
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.nx/**', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    files: ['**/*.spec.ts', '**/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Whole-system tests and benchmarks start apps in-process, and apps have no import alias: they may reach
    // into any project by path (they are tagged type:test, which may depend on everything anyway).
    files: ['test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
