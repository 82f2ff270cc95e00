// A WebSocket client as an attacker writes one, on a bare TCP socket: it sends the frames it
// likes, as fast as it likes, with the headers it likes. Like every standard client it answers
// the server's close frame and stops sending; with `ignoreClose` it does not, and sends on.
import net from "node:net";
import { randomBytes } from "node:crypto";

/**
 * Opens a WebSocket to `url` (ws://host:port/path) with extra request `headers`.
 * Resolves with the connection once the server answered: `status` is 101 when it was accepted,
 * otherwise the HTTP status of the refusal (and `body`, its text).
 */
export function connect(url, headers = {}, { timeoutMs = 10_000, ignoreClose = false } = {}) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    // An edge that stopped answering must fail the caller, not hang it.
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to the handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("close", () => clearTimeout(timer));
    const connection = {
      socket,
      status: 0,
      body: "",
      /** The close code the server sent, once it did. */
      closeCode: null,
      /** Whether the TCP connection has ended. */
      ended: false,
      messages: [],
      sendText(text) {
        if (connection.ended || socket.destroyed) return false;
        if (connection.closeCode !== null && !ignoreClose) return false;
        socket.write(frame(0x1, Buffer.from(text)));
        return true;
      },
      destroy() { socket.destroy(); },
    };
    let head = Buffer.alloc(0);
    let rest = Buffer.alloc(0);
    socket.on("connect", () => {
      const lines = [
        `GET ${pathname} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
        "Sec-WebSocket-Version: 13",
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(lines.join("\r\n") + "\r\n\r\n");
    });
    socket.on("data", (chunk) => {
      if (!connection.status) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        connection.status = Number(head.subarray(9, 12).toString());
        rest = head.subarray(end + 4);
        if (connection.status !== 101) {
          clearTimeout(timer);
          connection.body = rest.toString();
          socket.on("end", () => resolve(connection));
          socket.on("close", () => resolve(connection));
          socket.end();
          return;
        }
        clearTimeout(timer);
        resolve(connection);
      } else if (connection.status === 101) {
        rest = Buffer.concat([rest, chunk]);
      } else {
        connection.body += chunk.toString();
        return;
      }
      const wasOpen = connection.closeCode === null;
      rest = readFrames(rest, connection);
      if (wasOpen && connection.closeCode !== null && !ignoreClose) {
        // The closing handshake, as RFC 6455 asks: echo the code, then send nothing more.
        const code = Buffer.alloc(2);
        code.writeUInt16BE(connection.closeCode === 1005 ? 1000 : connection.closeCode);
        socket.end(frame(0x8, code));
      }
    });
    socket.on("error", (e) => (connection.status ? undefined : reject(e)));
    socket.on("close", () => { connection.ended = true; });
  });
}

/** A client frame: final, masked (as RFC 6455 requires of clients). */
function frame(opcode, payload) {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126
    ? Buffer.from([0x80 | opcode, 0x80 | length])
    : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([header, mask, masked]);
}

/** Reads the server's (unmasked) frames from `buffer`; returns what is left of an incomplete one. */
function readFrames(buffer, connection) {
  for (;;) {
    if (buffer.length < 2) return buffer;
    const opcode = buffer[0] & 0x0f;
    let length = buffer[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return buffer;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return buffer;
    const payload = buffer.subarray(offset, offset + length);
    if (opcode === 0x8) connection.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    else if (opcode === 0x1) connection.messages.push(payload.toString());
    buffer = buffer.subarray(offset + length);
  }
}
