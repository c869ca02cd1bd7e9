/**
 * HTTP and HTTPS requests for operator tests: any method and path, optional
 * Basic credentials, a keep-alive agent to tell whether a connection was
 * reused, client certificates; and CIM-XML calls built on them.
 */
import { type Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeResponse, type CIMResponse } from '../../src/cimxml/index.js';
import { cimHeaders, imethodBody, methodBody, methodObject, type RawResponse } from './broker.js';

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** `{ keepAlive: true }` agents keep the connection for the next request. */
  agent?: HttpAgent | HttpsAgent;
  /** HTTPS: client certificate and key (PEM). Server certificates are not verified (tests pin fingerprints instead). */
  cert?: string;
  key?: string;
  /** Aborting it closes the connection (a client that gives up). */
  signal?: AbortSignal;
  /** The client's address, e.g. 127.0.0.2 to be another loopback client. */
  localAddress?: string;
}

export interface Reply extends RawResponse {
  /** Whether the request went out on a connection an earlier request had opened. */
  reusedSocket: boolean;
  /** The client side's port: the same port means the same connection. */
  localPort: number | undefined;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  const target = new URL(options.path ?? '/', url);
  const https = target.protocol === 'https:';
  const body = options.body;
  const request: RequestOptions & { rejectUnauthorized?: boolean; cert?: string; key?: string } = {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }), ...options.headers },
    agent: options.agent,
    signal: options.signal,
    localAddress: options.localAddress,
    ...(https ? { rejectUnauthorized: false, cert: options.cert, key: options.key } : {}),
  };
  return new Promise((resolve, reject) => {
    let localPort: number | undefined;
    const req = (https ? httpsRequest : httpRequest)(target, request, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode!, headers: res.headers, trailers: res.trailers, text: Buffer.concat(chunks).toString('utf8'),
        reusedSocket: req.reusedSocket, localPort,
      }));
      res.on('error', reject);
    });
    req.on('socket', (socket: Socket) => {
      localPort = socket.localPort;
      // A reused keep-alive socket is connected already: a listener would wait forever (and pile up).
      if (socket.connecting) socket.once('connect', () => { localPort = socket.localPort; });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export type CimReply = Reply & { response: CIMResponse };

/** An intrinsic CIM call, answered with whatever HTTP status; `params` are IPARAMVALUE elements (see `p` in broker.ts). */
export function cimPost(url: string, name: string, namespace: string, params = '', options: SendOptions = {}): Promise<Reply> {
  return send(url, { ...options, path: '/cimom', body: imethodBody(name, namespace, params), headers: { ...cimHeaders(name, namespace), ...options.headers } });
}

/** An extrinsic CIM call on an instance with string keys, answered with whatever HTTP status. */
export function invokePost(url: string, method: string, namespace: string, classname: string, keys: Record<string, string>,
  options: SendOptions = {}): Promise<Reply> {
  const headers = { ...cimHeaders(method, methodObject(namespace, classname, keys)), ...options.headers };
  return send(url, { ...options, path: '/cimom', body: methodBody(method, namespace, classname, keys), headers });
}

/** An intrinsic call that must be answered 200; decoded. */
export async function cimCall(url: string, name: string, namespace: string, params = '', options: SendOptions = {}): Promise<CimReply> {
  return decoded(await cimPost(url, name, namespace, params, options));
}

/** An extrinsic call that must be answered 200; decoded. */
export async function cimInvoke(url: string, method: string, namespace: string, classname: string, keys: Record<string, string>,
  options: SendOptions = {}): Promise<CimReply> {
  return decoded(await invokePost(url, method, namespace, classname, keys, options));
}

/** Decodes a 200 answer; any other status is thrown with its text. */
function decoded(reply: Reply): CimReply {
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
  return { ...reply, response: decodeResponse(reply.text) };
}

function connectionRefused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Whether connecting to `url` is refused within a few seconds (a closing server stops listening a moment later). */
export async function refusedSoon(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await connectionRefused(url)) return true;
    await sleep(50);
  }
  return false;
}
