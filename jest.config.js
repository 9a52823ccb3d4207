/**
 * Tests are jest + supertest against a real PostgreSQL. The application itself is loaded by
 * Node's own loader (see test/support/native.ts), because jest cannot require Nest 12's ES modules.
 * Each test file gets its own database (test/support/database.ts), so files run in parallel.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? '50%',
  // Each file starts a whole application; a worker that has grown past this is replaced between files.
  workerIdleMemoryLimit: '1GB',
};
