/**
 * The offline terminal chat as a channel: what `npm start` opens when no other channel is
 * configured. Same loop as `npm run cli -- chat` (src/cli/ask.ts), on the app's knowledge (shipped
 * files plus the secretariat's edits).
 */
import type { App } from "../../app/app.ts";
import { runTerminalChat } from "../../cli/ask.ts";
import type { CliIo } from "../../cli/io.ts";

export async function runConsoleChat(app: App, io: CliIo, opts: { unitId?: string } = {}): Promise<void> {
  await runTerminalChat(app.engine(), io, {
    ...(opts.unitId ? { unitId: opts.unitId } : {}),
    now: () => app.now(),
  });
}
