/**
 * The offline terminal chat as a channel: what `npm start` opens when no other channel is configured,
 * on the app's knowledge (shipped files plus the secretariat's edits), the store opened read-only.
 *
 * `npm start -- --as admin|leader|head:<mã đơn vị>|member:<mã đơn vị>` tries the assistant as that
 * person, so a newcomer can see the leaders' and the secretariat's commands without a bot token: typed
 * commands (/tongquan, /donvi …, /baocao, /nhiemvu …) go through the same conversation layer as
 * Telegram and Zalo (src/conversation/), with the same access rules. A chart or a report is saved to a
 * file in the system's temporary folder and its path printed. Nothing is written to the store.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { App } from "../../app/app.ts";
import { Assistant, type Person, ROLE_LABELS } from "../../app/assistant.ts";
import { commandsFor, runChoice, runCommand, runDialogText } from "../../conversation/commands.ts";
import { type Button, flatButtons, type Output, text as textOutput } from "../../conversation/outputs.ts";
import { CONVERSATION_TEXTS } from "../../conversation/texts.ts";
import type { Reply } from "../../core/answers/reply.ts";
import { renderPlain } from "../../core/answers/reply.ts";
import type { Role } from "../../store/state.ts";
import { runTerminalChat } from "./plain-chat.ts";
import type { TerminalIo } from "./terminal-io.ts";

/** Who the terminal speaks as. */
export type ConsoleAs = { role: "admin" } | { role: Exclude<Role, "admin">; unitId: string };

/**
 * "admin", "leader", "leader:<unit>", "head:so-tttt", "member:so-tttt" → who; a Vietnamese message when
 * the value or the unit is not known.
 */
export function parseConsoleAs(value: string, unitIds: readonly string[]): ConsoleAs | string {
  const [role = "", unit] = value.trim().split(":", 2);
  const usage =
    "Cách dùng: --as admin | leader | head:<mã đơn vị> | member:<mã đơn vị>, ví dụ --as head:so-tttt.";
  if (role === "admin") return { role: "admin" };
  if (!["leader", "head", "deputy", "member"].includes(role)) return `Không hiểu vai “${value}”. ${usage}`;
  const unitId = unit ?? (role === "leader" ? "ubnd-tinh" : undefined);
  if (!unitId) return `Vai “${role}” cần mã đơn vị. ${usage}`;
  if (!unitIds.includes(unitId)) return `Không có đơn vị mã “${unitId}” (xem: npm run cli -- kb list units).`;
  return { role: role as Exclude<Role, "admin">, unitId };
}

/** The person the terminal speaks as (a local account: the store is read-only, nothing is recorded). */
export function consolePerson(as: ConsoleAs, now: Date): Person {
  if (as.role === "admin") return { channel: "telegram", chatId: "console", name: "Terminal", isAdmin: true };
  return {
    channel: "telegram",
    chatId: "console",
    name: "Terminal",
    isAdmin: false,
    user: {
      id: "telegram:console",
      channel: "telegram",
      chatId: "console",
      name: "Terminal",
      unitId: as.unitId,
      role: as.role,
      linkedAt: now.toISOString(),
      reachable: true,
    },
  };
}

export async function runConsoleChat(
  app: App,
  io: Pick<TerminalIo, "out" | "stdin">,
  opts: { unitId?: string; as?: ConsoleAs } = {},
): Promise<void> {
  if (!opts.as) {
    await runTerminalChat(app.engine(), io, {
      ...(opts.unitId ? { unitId: opts.unitId } : {}),
      now: () => app.now(),
    });
    return;
  }
  const assistant = new Assistant(app);
  const person = consolePerson(opts.as, app.now());
  const unitName =
    opts.as.role === "admin" ? undefined : (app.knowledge().unit(opts.as.unitId)?.name ?? opts.as.unitId);
  const who = `${ROLE_LABELS[opts.as.role]}${unitName ? `, ${unitName}` : ""}`;
  // The commands this role may run (an admin sees the secretariat's too), from the one command table.
  const commands = commandsFor(person, assistant).join(", ");
  io.out(
    `${app.knowledge().data.province.assistantName} — trò chuyện ngoại tuyến, với vai ${who}. Gõ câu hỏi hoặc lệnh (${commands}); “thoát” để kết thúc.`,
  );
  if (!io.stdin) return;
  const rl = createInterface({ input: io.stdin, terminal: false });
  const deps = { app, assistant };
  let last: Reply | undefined;
  let lastButtons: Button[] = [];
  for await (const line of rl) {
    const text = line.trim();
    if (!text) continue;
    if (/^(thoat|thoát|exit|quit|\/q)$/i.test(text)) break;
    const pick = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const chosen =
      last && pick >= 1 && pick <= last.actions.length ? last.actions[pick - 1]!.query : undefined;
    const button = pick >= 1 ? lastButtons[pick - 1] : undefined;
    const command = /^\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(text);
    let outputs: Output[] = [];
    // A dialog waiting reads the text first (a number picks its choice; “hủy” cancels; a command ends it).
    const turn = button ? undefined : await runDialogText(deps, person, text);
    if (turn) outputs.push(...turn.outputs);
    if (turn && !turn.passOn) {
      // handled by the dialog
    } else if (button) {
      const out = await runChoice(deps, person, button.data);
      outputs =
        out?.kind === "outputs" ? out.outputs : [textOutput(out?.text ?? CONVERSATION_TEXTS.staleChoice)];
    } else if (chosen) outputs.push({ kind: "reply", reply: assistant.answer(person, chosen) });
    else if (command) {
      outputs.push(
        ...((await runCommand(deps, person, command[1]!.toLowerCase(), command[2] ?? "")) ?? [
          textOutput(
            `Lệnh /${command[1]} chưa có trong khung trò chuyện ngoại tuyến. Gõ câu hỏi, hoặc một lệnh: ${commands}.`,
          ),
        ]),
      );
    } else outputs.push({ kind: "reply", reply: await assistant.ask(person, text) });
    for (const o of outputs) {
      if (o.kind === "reply") {
        last = o.reply;
        lastButtons = [];
        io.out(`${renderPlain(o.reply, { numberedActions: true })}\n`);
      } else if (o.kind === "text") {
        const buttons = flatButtons(o);
        if (buttons.length) {
          lastButtons = buttons;
          last = undefined;
        }
        const choices = buttons.map((b, i) => `${i + 1}. ${b.label}`);
        io.out(`${[o.text, ...(choices.length ? ["Gõ số để chọn:", ...choices] : [])].join("\n")}\n`);
      } else {
        const dir = path.join(tmpdir(), "tro-ly-cds");
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, o.filename);
        writeFileSync(file, o.kind === "photo" ? o.png : o.bytes);
        io.out(`${o.caption}\nĐã lưu ${o.kind === "photo" ? "biểu đồ" : "báo cáo"} vào ${file}\n`);
      }
    }
  }
  rl.close();
}
