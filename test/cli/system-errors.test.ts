import { describe, expect, it } from "vitest";
import { systemErrorMessage } from "../../src/cli/system-errors.ts";

describe("system errors for the operator", () => {
  it("says a full disk in Vietnamese, naming the file", () => {
    const e = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      path: "/srv/bk/a.tmp",
    });
    const msg = systemErrorMessage(e)!;
    expect(msg).toContain("Ổ đĩa đã đầy");
    expect(msg).toContain("/srv/bk/a.tmp");
    expect(msg).not.toContain("ENOSPC");
  });
  it("leaves other errors to the caller", () => {
    expect(systemErrorMessage(new Error("x"))).toBeUndefined();
    expect(systemErrorMessage({ code: "EWHATEVER" })).toBeUndefined();
  });
});
