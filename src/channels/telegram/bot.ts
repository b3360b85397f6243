/**
 * The Telegram bot, built but not started (tests build it too; run.ts starts it).
 *
 * Order: error boundary → guards (edits, groups, flood limit) → start/help → linking → the conversation
 * layer's dialogs, commands and choices → the secretariat's uploads (a plan sent as a file) → leaders' and
 * question commands → buttons → extra features (reminders…) → catch-all (free text, stale buttons).
 * API calls go through auto-retry (429 retry_after, 5xx and network errors).
 */
import { type AutoRetryOptions, autoRetry } from "@grammyjs/auto-retry";
import { Bot, type BotError, type Composer, type Context, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { App } from "../../app/app.ts";
import type { Assistant } from "../../app/assistant.ts";
import { apiSender } from "./api-sender.ts";
import { type BotDeps, safeError, updateKind } from "./context.ts";
import { buttons } from "./features/buttons.ts";
import { conversationFeature } from "./features/conversation.ts";
import { fallback } from "./features/fallback.ts";
import { DEFAULT_FLOOD_LIMIT, type FloodLimit, guards } from "./features/guards.ts";
import { leaders } from "./features/leaders.ts";
import { linking } from "./features/linking.ts";
import { questions } from "./features/questions.ts";
import { startHelp } from "./features/start-help.ts";
import { uploads } from "./features/uploads.ts";
import { DEFAULT_NETWORK_RETRY, type NetworkRetryOptions, networkRetry } from "./network-retry.ts";
import { TEXTS } from "./texts.ts";

export interface CreateBotOptions {
  app: App;
  assistant: Assistant;
  token: string;
  /** A Bot API server other than Telegram's (TELEGRAM_API_ROOT; tests: the fake server). */
  apiRoot?: string;
  /** The fetch used for every API call (tests record calls with it). */
  fetch?: typeof fetch;
  /** Known bot info: no getMe call is needed before handling updates (tests). */
  botInfo?: UserFromGetMe;
  /** Features of other modules (reminders…), mounted before the catch-all. */
  extraFeatures?: Composer<Context>[];
  flood?: FloodLimit;
  /** auto-retry settings; false turns retries off. */
  retry?: Partial<AutoRetryOptions> | false;
  /** Network-error retries (bounded; tests shorten the delays). */
  networkRetry?: Partial<NetworkRetryOptions>;
}

/** 429 and 5xx (auto-retry); network errors are left to `networkRetry`, which gives up. */
export const DEFAULT_RETRY: Partial<AutoRetryOptions> = {
  maxRetryAttempts: 3,
  maxDelaySeconds: 60,
  rethrowHttpErrors: true,
};

export function createBot(opts: CreateBotOptions): Bot<Context> {
  const { app, assistant, token } = opts;
  const log = app.logger.child({ channel: "telegram" });
  const deps: BotDeps = { app, assistant, log };
  const client = {
    ...(opts.apiRoot ? { apiRoot: opts.apiRoot.replace(/\/+$/, "") } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };
  const bot = new Bot<Context>(token, {
    client,
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  if (opts.retry !== false) {
    bot.api.config.use(autoRetry({ ...DEFAULT_RETRY, ...(opts.retry ?? {}) }));
    bot.api.config.use(
      networkRetry({
        ...DEFAULT_NETWORK_RETRY,
        ...(opts.networkRetry ?? {}),
        onRetry: ({ method, attempt, delayMs, message }) =>
          log.warn({ method, attempt, delayMs, error: message }, "Telegram unreachable, retrying"),
      }),
    );
  }

  const secrets = [token, app.config.TELEGRAM_WEBHOOK_SECRET];
  const onError = async (err: BotError<Context>) => {
    const ctx = err.ctx;
    const e = err.error;
    log.error(
      { error: safeError(e, secrets), updateId: ctx.update.update_id, update: updateKind(ctx) },
      "update failed",
    );
    // Blocked by the user: nothing can be sent; remember it for reminders.
    if (e instanceof GrammyError && e.error_code === 403) {
      const user = ctx.from && app.store.state.findUser("telegram", ctx.from.id);
      if (user && !app.store.readOnly) {
        await app.store.state.setReachable(user.id, false, "đã chặn trợ lý").catch(() => {});
      }
      return;
    }
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: TEXTS.apologyShort }).catch(() => {});
      if (ctx.chat?.type === "private") await ctx.reply(TEXTS.apology);
    } catch (e2) {
      log.warn({ error: safeError(e2, secrets) }, "could not send the apology");
    }
  };
  bot.catch(onError);
  // The Assistant reaches other chats (admins asked to confirm an admin code, the secretariat) through the bot.
  assistant.useSender(apiSender(bot.api));

  const root = bot.errorBoundary(onError);
  root.use(guards(deps, opts.flood ?? DEFAULT_FLOOD_LIMIT));
  root.use(startHelp(deps));
  root.use(linking(deps));
  root.use(conversationFeature(deps));
  root.use(uploads(deps));
  root.use(leaders(deps));
  root.use(questions(deps));
  root.use(buttons(deps));
  for (const f of opts.extraFeatures ?? []) root.use(f);
  root.use(fallback(deps));
  return bot;
}
