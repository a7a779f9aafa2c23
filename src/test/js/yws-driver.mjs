// Drives real y-websocket clients (yjs + y-websocket + ws from npm) for Lockstep's integration
// tests. One JSON command per stdin line, one JSON answer per stdout line:
//   {"cmd":"connect","name":"a","url":"ws://…/ws/yjs","room":"<noteId>","token":"…"}
//   {"cmd":"synced","name":"a","timeoutMs":10000}      waits for the provider's first sync
//   {"cmd":"insert","name":"a","index":0,"text":"hi"}   edits Y.Text "content"
//   {"cmd":"delete","name":"a","index":0,"length":2}
//   {"cmd":"type","name":"a","text":"abc"}             one update per character, at the end
//   {"cmd":"text","name":"a"}                          answers {"text": …}
//   {"cmd":"waitText","name":"a","text":"…","timeoutMs":10000}
//   {"cmd":"state","name":"a"}                         answers {"update": base64 of the whole doc}
//   {"cmd":"apply","name":"a","update":"…"}            applies a base64 update locally
//   {"cmd":"awareness","name":"a","state":{…}}         sets the local awareness state
//   {"cmd":"peers","name":"a"}                         answers {"states": [{clientId, state}]}
//   {"cmd":"denied","name":"a"}                        answers {"reasons": [...]} seen so far
//   {"cmd":"disconnect","name":"a"} / {"cmd":"reconnect","name":"a"}
//   {"cmd":"close","name":"a"}
//   {"cmd":"raw","url":"…","room":"…","token":"…","send":["<base64>"]} sends raw binary messages
//                                                      on a plain WebSocket; answers {"code": close code}
//   {"cmd":"doc","name":"j"}                           a Y.Doc without a provider (for the JSON events)
//   {"cmd":"updates","name":"j","since":0}             base64 of every update the doc emitted since
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import readline from 'node:readline'

const clients = new Map()
const denied = []
const originalWarn = console.warn
console.warn = (...args) => {
  const text = args.join(' ')
  if (text.includes('Permission denied')) denied.push(text)
  else originalWarn(...args)
}

const out = (answer) => process.stdout.write(JSON.stringify(answer) + '\n')
const client = (name) => {
  const c = clients.get(name)
  if (!c) throw new Error(`no client ${name}`)
  return c
}
const until = (check, timeoutMs, what) => new Promise((resolve, reject) => {
  const started = Date.now()
  const poll = () => {
    if (check()) return resolve()
    if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
    setTimeout(poll, 10)
  }
  poll()
})

const track = (doc) => {
  const updates = []
  doc.on('update', (update) => updates.push(Buffer.from(update).toString('base64')))
  return updates
}

const commands = {
  doc: ({ name }) => {
    const doc = new Y.Doc()
    clients.set(name, { doc, provider: null, closes: [], updates: track(doc) })
    return { clientId: doc.clientID }
  },
  updates: ({ name, since = 0 }) => ({ updates: client(name).updates.slice(since) }),
  connect: ({ name, url, room, token }) => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(url, room, doc, {
      params: token ? { token } : {},
      WebSocketPolyfill: WebSocket,
      // every client in this process must talk through the server, not through a BroadcastChannel
      disableBc: true,
      maxBackoffTime: 500
    })
    const c = { doc, provider, closes: [], updates: track(doc) }
    provider.on('connection-close', (event) => c.closes.push(event ? event.code : null))
    clients.set(name, c)
    return { clientId: doc.clientID }
  },
  synced: async ({ name, timeoutMs = 10000 }) => {
    const c = client(name)
    await until(() => c.provider.synced, timeoutMs, 'sync')
    return { synced: true }
  },
  insert: ({ name, index, text }) => {
    client(name).doc.getText('content').insert(index, text)
    return {}
  },
  type: ({ name, text }) => {
    const t = client(name).doc.getText('content')
    for (const ch of text) t.insert(t.length, ch)
    return {}
  },
  delete: ({ name, index, length }) => {
    client(name).doc.getText('content').delete(index, length)
    return {}
  },
  text: ({ name }) => ({ text: client(name).doc.getText('content').toString() }),
  waitText: async ({ name, text, timeoutMs = 10000 }) => {
    const t = client(name).doc.getText('content')
    await until(() => t.toString() === text, timeoutMs, `text ${JSON.stringify(text).slice(0, 80)}, have ${JSON.stringify(t.toString()).slice(0, 80)}`)
    return { text: t.toString() }
  },
  state: ({ name }) => ({ update: Buffer.from(Y.encodeStateAsUpdate(client(name).doc)).toString('base64') }),
  apply: ({ name, update }) => {
    Y.applyUpdate(client(name).doc, Buffer.from(update, 'base64'))
    return {}
  },
  awareness: ({ name, state }) => {
    client(name).provider.awareness.setLocalState(state)
    return {}
  },
  peers: ({ name }) => {
    const states = []
    client(name).provider.awareness.getStates().forEach((state, clientId) => states.push({ clientId, state }))
    return { states }
  },
  waitPeers: async ({ name, count, timeoutMs = 10000 }) => {
    const awareness = client(name).provider.awareness
    await until(() => awareness.getStates().size === count, timeoutMs, `${count} awareness states, have ${awareness.getStates().size}`)
    return commands.peers({ name })
  },
  denied: () => ({ reasons: denied.slice() }),
  raw: ({ url, room, token, send = [], timeoutMs = 10000 }) => new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}/${room}?token=${encodeURIComponent(token)}`)
    const timer = setTimeout(() => reject(new Error('the server did not close the connection')), timeoutMs)
    socket.on('open', () => send.forEach((message) => socket.send(Buffer.from(message, 'base64'))))
    socket.on('close', (code) => { clearTimeout(timer); resolve({ code }) })
    socket.on('error', () => {})
  }),
  closes: ({ name }) => ({ codes: client(name).closes.slice() }),
  disconnect: ({ name }) => {
    client(name).provider.disconnect()
    return {}
  },
  reconnect: ({ name }) => {
    client(name).provider.connect()
    return {}
  },
  close: ({ name }) => {
    const c = client(name)
    if (c.provider) c.provider.destroy()
    c.doc.destroy()
    clients.delete(name)
    return {}
  }
}

const lines = readline.createInterface({ input: process.stdin })
let queue = Promise.resolve()
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let command
    try {
      command = JSON.parse(line)
      const handler = commands[command.cmd]
      if (!handler) throw new Error(`unknown command ${command.cmd}`)
      out({ ok: true, ...(await handler(command)) })
    } catch (e) {
      out({ ok: false, error: String(e && e.message ? e.message : e) })
    }
  })
})
lines.on('close', () => queue.then(() => {
  clients.forEach((c) => c.provider && c.provider.destroy())
  process.exit(0)
}))
