import { defineConfig } from "vitest/config";

/** The heavy fault cases (a 1 GB zip bomb…): `npm run test:faults`, kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/faults/**/*.faults.ts"],
    environment: "node",
    testTimeout: 120_000,
    pool: "forks",
  },
});
