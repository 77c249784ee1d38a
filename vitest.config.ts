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
      {
        // The HTTP tests again, on the PostgreSQL store (test/web/build-app.ts reads the variable).
        extends: true,
        test: {
          name: "postgres",
          include: ["test/web/**/*.test.ts"],
          env: { PAPERPULSE_TEST_STORE: "postgres" },
        },
      },
    ],
  },
});
