// The Yjs workload of YjsThroughput.java: N editors (real providers in this one Node process) type
// single characters into Y.Text "content" of one document through a server, then a fresh client
// loads the document. Prints one JSON line of results.
//
//   node yjs-load.mjs '{"protocol":"y-websocket"|"hocuspocus","url":"ws://…","room":"…",
//                       "token":"…"?, "editors":10, "updates":1000, "window":20, "rate":0}'
//
// Each editor sends `updates` updates (one character each, at a random position). `rate` > 0 paces
// each editor at that many updates a second; 0 sends as fast as the window allows: an editor keeps
// at most `window` of its updates not yet seen by the next editor, so the load is a closed loop and
// the latencies mean something even at saturation. All clients share this process's clock, so the
// latency of an update (from the local edit to its arrival in each other editor's document) is
// exact: an editor's k-th update has clock k in its own client id, and a receiver's transaction
// says which clocks of which clients it integrated.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { performance } from 'node:perf_hooks'

const config = JSON.parse(process.argv[2])
const { protocol, url, room, token, editors = 10, updates = 1000, window = 20, rate = 0 } = config
const timeoutMs = config.timeoutMs ?? 600000

const connect = (doc) => {
  if (protocol === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url, name: room, document: doc, WebSocketPolyfill: WebSocket, token: token ?? null
    })
    return { provider, isSynced: () => provider.isSynced || provider.synced, destroy: () => provider.destroy() }
  }
  const provider = new WebsocketProvider(url, room, doc, {
    params: token ? { token } : {}, WebSocketPolyfill: WebSocket, disableBc: true, maxBackoffTime: 500
  })
  const closes = []
  provider.on('connection-close', (event) => closes.push(event ? event.code : null))
  return { provider, closes, isSynced: () => provider.synced, destroy: () => provider.destroy() }
}

const until = (check, what, limitMs = timeoutMs) => new Promise((resolve, reject) => {
  const started = performance.now()
  const poll = () => {
    if (check()) return resolve()
    if (performance.now() - started > limitMs) return reject(new Error(`timed out waiting for ${what}`))
    setTimeout(poll, 2)
  }
  poll()
})

const percentile = (sorted, q) => sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]

const main = async () => {
  const clients = []
  for (let e = 0; e < editors; e++) {
    const doc = new Y.Doc()
    clients.push({ doc, connection: connect(doc), sentAt: new Float64Array(updates), sent: 0 })
  }
  const byClientId = new Map(clients.map((c, e) => [c.doc.clientID, e]))
  const t0 = performance.now()
  await until(() => clients.every((c) => c.connection.isSynced()), 'the editors to sync', 60000)
  const syncMs = performance.now() - t0
  const initial = clients[0].doc.getText('content').length
  // seen[r][e]: how many of editor e's updates editor r has integrated
  const seen = clients.map(() => new Array(editors).fill(0))
  const latencies = new Float64Array(updates * editors * Math.max(1, editors - 1))
  let latencyCount = 0
  clients.forEach((c, r) => {
    c.doc.on('afterTransaction', (tr) => {
      if (tr.local) return
      const now = performance.now()
      tr.afterState.forEach((after, clientId) => {
        const e = byClientId.get(clientId)
        if (e === undefined || e === r) return
        for (let k = tr.beforeState.get(clientId) ?? 0; k < after; k++) {
          latencies[latencyCount++] = now - clients[e].sentAt[k]
        }
        seen[r][e] = after
      })
    })
  })
  const total = updates * editors
  const started = performance.now()
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now()
      let more = false
      clients.forEach((c, e) => {
        const text = c.doc.getText('content')
        while (c.sent < updates) {
          if (rate > 0 && c.sent >= (now - started) * rate / 1000) break
          if (rate <= 0 && c.sent - seen[(e + 1) % editors][e] >= window) break
          c.sentAt[c.sent] = performance.now()
          text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + e))
          c.sent++
        }
        if (c.sent < updates) more = true
      })
      if (more) setTimeout(tick, rate > 0 ? 1 : 0)
      else resolve()
    }
    tick()
  })
  await until(() => clients.every((c) => c.doc.getText('content').length === initial + total), 'every editor to converge')
  const elapsedMs = performance.now() - started
  const texts = new Set(clients.map((c) => c.doc.getText('content').toString()))
  const stateBytes = Y.encodeStateAsUpdate(clients[0].doc).length
  const closes = clients.flatMap((c) => c.connection.closes ?? [])
  // one editor stays: the peer servers keep a document in memory only while someone is connected
  clients.slice(1).forEach((c) => c.connection.destroy())

  // a fresh client loads the whole document
  const fresh = new Y.Doc()
  const loadStarted = performance.now()
  const loader = connect(fresh)
  await until(() => loader.isSynced() && fresh.getText('content').length === initial + total, 'a fresh client to load the document', 120000)
  const loadMs = performance.now() - loadStarted
  loader.destroy()
  clients[0].connection.destroy()

  const sorted = latencies.subarray(0, latencyCount).sort()
  process.stdout.write(JSON.stringify({
    protocol,
    editors,
    updates: total,
    window,
    rate,
    syncMs,
    elapsedMs,
    updatesPerSecond: total / (elapsedMs / 1000),
    deliveriesPerSecond: latencyCount / (elapsedMs / 1000),
    latencyMs: { count: latencyCount, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: percentile(sorted, 1) },
    converged: texts.size === 1,
    documentChars: initial + total,
    stateBytes,
    loadMs,
    closes
  }) + '\n')
  process.exit(0)
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.message ? e.message : e) }) + '\n')
  process.exit(1)
})
