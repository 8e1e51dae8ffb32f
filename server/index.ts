/** The public API: `import { … } from "aperture"`. */
export { Document, type FlushedPatch } from "./document/document.ts";
export { Theme, type ThemeJson, type ThemeLike } from "./document/theme.ts";
export { BUILT_IN_THEMES, type BuiltInThemeName } from "./document/built-in-themes.ts";
export { Model, AttributeError, defineModel, type ChangeCallback, type InitOf } from "./document/model.ts";
export { prop, type PropSpec } from "./document/props.ts";
export type { CallbackHandle } from "./document/callbacks.ts";
export type { SessionContext, SessionRequest } from "./document/session-context.ts";
export * from "./models/index.ts";
export type { AppSpec, Handler } from "./session/app.ts";
export type { ServerContext } from "./session/lifecycle.ts";
export { SessionManager } from "./session/session-manager.ts";
export { serve, mount, type ServeOptions, type TlsOptions, type ApertureServer } from "./http/serve.ts";
export { loadAuthModule, type AuthModule } from "./http/auth-module.ts";
export type { RuntimeOptions } from "./http/options.ts";
export type { Runtime } from "./http/runtime.ts";
export { loadApps } from "./http/app-loader.ts";
export { serverDocument, serverSession, type ServerDocumentOptions } from "./embed.ts";
export * from "./channels/index.ts";
export { WebSocketConsumer, JsonWebSocketConsumer, NoHandlerError, type ConsumerScope, type ConsumerClass } from "./channels/consumer.ts";
export type { WebSocketRoutes } from "./channels/routing.ts";
export { consoleLogger, silentLogger, LOG_LEVELS, type Logger, type LogLevel, type ConsoleLoggerOptions } from "./log.ts";
export { PROTOCOL_VERSION, encodeFrame, decodeFrame, type DocState, type ServerMessage, type ClientMessage } from "./protocol/index.ts";
export {
  formatValue,
  parseTemplate,
  fillTemplate,
  escapeHtml,
  FORMATTERS,
  type FormatterKind,
  type Formatters,
} from "./protocol/format.ts";
export {
  SubscriptionConsumer,
  subscriptionConsumer,
  subscriptionToken,
  emitChannelNotification,
  SUBSCRIPTION_CLOSE_CODES,
  NOTIFICATION_TYPE,
  type SubscriptionOptions,
  type SubscriptionEvent,
  type SubscriptionErrorCode,
} from "./channels/subscriptions.ts";
export {
  WebSocketDemultiplexer,
  StreamError,
  sendToStream,
  STREAM_MESSAGE_TYPE,
  type StreamContext,
  type StreamHandler,
  type StreamHandlerObject,
  type StreamFunction,
  type DemultiplexErrorCode,
} from "./channels/multiplex.ts";
export {
  Binding,
  MemoryStore,
  parseBindingRequest,
  type BindingStore,
  type BindingOptions,
  type BindingRequest,
  type BindingAction,
  type StoreRecord,
  type RecordData,
  type Pk,
} from "./channels/binding.ts";
export { RedisStore } from "./channels/redis-store.ts";
export * from "./params/index.ts";
export * from "./jobs/index.ts";
export { exportPng, exportSvg, type ExportOptions } from "./export/export.ts";
