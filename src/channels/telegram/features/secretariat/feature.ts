/** A part of the secretariat's features: its conversations (installed first) and its handlers. */
import type { Composer, MiddlewareFn } from "grammy";
import type { SecCtx } from "./common.ts";

export interface SecretariatFeature {
  /** `createConversation(...)` middleware; all of them run before any handler. */
  conversations: MiddlewareFn<SecCtx>[];
  commands: Composer<SecCtx>;
}
