import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["test/**/*.test.ts", "test/**/*.test.tsx"] },
      },
      // The HTTP tests again, on the PostgreSQL store (test/web/build-app.ts reads the variable),
      // whenever a test database is given: npm test always gives one.
      ...(process.env.PAPERPULSE_TEST_DATABASE_URL
        ? [
            {
              extends: true,
              test: {
                name: "postgres",
                include: ["test/web/**/*.test.ts"],
                env: { PAPERPULSE_TEST_STORE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
