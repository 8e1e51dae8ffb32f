/**
 * A page's socket that names no session asks for a new one: its first frame must be `hello`,
 * which may carry the values the person set in a lost session (`restore`). The session is made
 * then (handler, then restored values), and takes the socket with that `hello` as its first
 * message, answered with the session's token. The socket's Origin was checked at the handshake,
 * so a page of another site gets no session (issue 10 item 8).
 */
import type { WebSocket } from "ws";
import { CLOSE_CODES, decodeClientMessage, encodeFrame, type ServerMessage } from "../protocol/index.ts";
import type { AppSpec } from "../session/app.ts";
import { makeSession, type SessionAsk, type SessionMaking } from "./session-request.ts";

/** How long a new socket may wait before its `hello`. */
const HELLO_TIMEOUT_MS = 10_000;

/** A close reason is at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

export function openSessionOnSocket(ws: WebSocket, app: AppSpec, making: SessionMaking, ask: Omit<SessionAsk, "restore">): void {
  const timer = setTimeout(() => ws.close(CLOSE_CODES.protocolError, "no hello"), HELLO_TIMEOUT_MS);
  ws.once("close", () => clearTimeout(timer));
  ws.once("message", (data: Buffer, isBinary) => {
    clearTimeout(timer);
    const decoded = decodeClientMessage(isBinary ? data : data.toString("utf8"));
    if (!decoded.ok || decoded.value.kind !== "hello") return ws.close(CLOSE_CODES.protocolError, "the first message must be hello");
    // Later frames wait for the session (which reads them once it has the socket).
    ws.pause();
    const restore = decoded.value.restore ?? [];
    void makeSession(making, app, { ...ask, restore }).then(
      (made) => {
        // Reading again first: a paused socket would never read the page's answer to our close.
        ws.resume();
        if (!made.ok) {
          // The whole reason in a message (a close reason is cut at 123 bytes): the page shows it.
          const refused: ServerMessage = { kind: "error", code: "SESSION_REFUSED", message: made.reason };
          ws.send(encodeFrame(refused));
          return ws.close(CLOSE_CODES.sessionRefused, closeReason(made.reason));
        }
        // The page left while the handler ran: nobody will use this session.
        if (ws.readyState !== ws.OPEN) return void making.sessions.destroy(made.session, "its page left before it was ready");
        made.session.attach(ws, { data, isBinary });
      },
      (error: unknown) => {
        making.logger.error(`app ${app.name}: making a session for a socket failed:`, error);
        ws.close(CLOSE_CODES.sessionRefused, "the server could not make a session");
      },
    );
  });
}
