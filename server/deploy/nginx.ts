/**
 * `aperture gen nginx`: a site file for /etc/nginx/sites-available (http context: maps,
 * upstreams, servers).
 *
 * Sticky sessions: a session lives in the memory of the process that ran its handler, and
 * process `i` starts its session ids with `w<i>-`. The socket that makes a session presents no
 * token, so it may go to any process (the less busy of two at random); a socket that resumes
 * one presents its token in `Sec-WebSocket-Protocol` (`aperture-token.w1-…`, never in the URL),
 * and a `map` on that header sends it to process 1. nginx routes each request on its own, so
 * this holds whether or not it reuses upstream connections.
 */
import { backendsOf, type DeployOptions } from "./options.ts";

const PROXY_HEADERS = `proxy_http_version 1.1;
proxy_set_header Upgrade $http_upgrade;
proxy_set_header Connection $aperture_connection;
# The app builds its script and socket URLs from Host (with the port) and X-Forwarded-Proto.
proxy_set_header Host $http_host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
# Sockets idle between updates: the server pings every 30 s, so an hour only bounds dead peers.
proxy_read_timeout 1h;
proxy_send_timeout 1h;`;

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");
}

/** Let's Encrypt's HTTP challenge, answered from disk (certbot certonly --webroot -w /var/www/html). */
const ACME = `location /.well-known/acme-challenge/ {
    root /var/www/html;
}`;

/** The locations every server block has: the static bundle, and everything else proxied. */
function locations(options: DeployOptions): string {
  const root = options.prefix || "";
  return `${ACME}

# The client bundle straight from disk: no Node process is woken for it. Its .gz files are
# made at build time; pages of other sites load its modules (CORS).
location ${root}/static/ {
    alias ${options.staticDir.replace(/\/?$/, "/")};
    gzip_static on;
    expires 1h;
    add_header Cache-Control "public";
    add_header Access-Control-Allow-Origin "*";
}

location ${root}/ {
    proxy_pass http://$aperture_backend;
${indent(PROXY_HEADERS, "    ")}
}`;
}

function upstreams(options: DeployOptions): string {
  const backends = backendsOf(options);
  // nginx cannot see the sessions a process holds, only the connections it has open through
  // this upstream: two processes at random, and the one with fewer. A slow handler holds its
  // request open, so a burst of page views does not pile up on the process that is busy with
  // it; round robin would put every new session on one process (a page view is two requests
  // here: the page, its autoload).
  const any = `# New sessions (and everything that names none): the less busy of two processes at random.
upstream aperture_any {
    zone aperture_any 64k;
    random two least_conn;
${backends.map((backend) => `    server ${backend};`).join("\n")}
}`;
  // When process i is down its sessions are gone anyway; a backup answers its sockets with
  // "session lost" (4012), and the page starts a new session instead of failing at the proxy.
  const sticky = backends.map((backend, index) => {
    const backup = backends.filter((_, other) => other !== index).map((other) => `    server ${other} backup;`);
    return `upstream aperture_w${index} {\n    server ${backend};\n${backup.join("\n")}${backup.length ? "\n" : ""}}`;
  });
  return [any, ...sticky].join("\n\n");
}

function stickyMap(options: DeployOptions): string {
  const rows = backendsOf(options).map((_, index) => `    "~(^|[ ,])aperture-token\\.w${index}-"  aperture_w${index};`);
  return `# Sticky sessions: the socket's token (a sub-protocol) names the session, its id the process (see docs/deployment.md).
map $http_sec_websocket_protocol $aperture_backend {
    default  aperture_any;
${rows.join("\n")}
}`;
}

/**
 * What the site tells and keeps (docs/security.md): no nginx version in answers; an access
 * log without query strings or Referer (tokens travel in sockets' handshake headers, never in
 * URLs, but a query is the page's business); open connections per client address bounded
 * (the processes behind it see only nginx's address, so they cannot).
 */
const HARDENING = `server_tokens off;
log_format aperture_no_query '$remote_addr - $remote_user [$time_local] "$request_method $uri $server_protocol" '
                             '$status $body_bytes_sent "$http_user_agent"';
limit_conn_zone $binary_remote_addr zone=aperture_per_address:10m;`;

const SERVER_HARDENING = `access_log /var/log/nginx/aperture.access.log aperture_no_query;
limit_conn aperture_per_address 512;`;

const CONNECTION_MAP = `# WebSocket upgrade: "Connection: upgrade" only when the browser asked for one.
map $http_upgrade $aperture_connection {
    default  upgrade;
    ""       close;
}`;

function tlsBlock(options: DeployOptions): string {
  const name = options.serverNames.find((candidate) => candidate !== "_") ?? "example.com";
  const block = `server {
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    server_name ${options.serverNames.join(" ")};

    ssl_certificate     /etc/letsencrypt/live/${name}/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/${name}/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;

    client_max_body_size 1m;
${indent(SERVER_HARDENING, "    ")}

${indent(locations(options), "    ")}
}

# … and send plain HTTP there (replace the server block above with this one):
server {
    listen 80;
    listen [::]:80;
    server_name ${options.serverNames.join(" ")};
${indent(ACME, "    ")}
    location / {
        return 301 https://$host$request_uri;
    }
}`;
  const commented = block.split("\n").map((line) => (line ? `# ${line}` : "#"));
  return `# TLS: once you have a certificate (e.g. certbot certonly --webroot), uncomment this block.
${commented.join("\n")}`;
}

export function nginxConf(options: DeployOptions, command: string): string {
  const server = `server {
${options.listen.map((listen) => `    listen ${listen};`).join("\n")}
    server_name ${options.serverNames.join(" ")};

    # Aperture's own messages are small; uploads to your routes may need more.
    client_max_body_size 1m;
${indent(SERVER_HARDENING, "    ")}

${indent(locations(options), "    ")}
}`;
  return `# Aperture behind nginx: ${backendsOf(options).length} web processes.
# Generated by: ${command}
# Install: copy to /etc/nginx/sites-available/aperture, link it into sites-enabled,
# then \`nginx -t && systemctl reload nginx\`.

${HARDENING}

${CONNECTION_MAP}

${stickyMap(options)}

${upstreams(options)}

${server}

${tlsBlock(options)}
`;
}
