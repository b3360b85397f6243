/** A full garbage collection before a memory or time reading, where the runtime allows it (else a no-op). */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export const gc: () => void = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
})();
