// Drives the SDK against a real Lockstep for SdkIT: node sdk-it.mjs <base-url> <token> <scenario>.
// Prints one JSON object with what the SDK ended up holding and what the server stored.
import WebSocket from 'ws'
import * as Y from 'yjs'
import { LockstepClient, memoryStorage } from '../../../war-overlay/js/lockstep-client.js'

const [base, token, scenario, readerToken, readerId] = process.argv.slice(2)
const wsUrl = base.replace(/^http/, 'ws') + 'ws'
const api = async (method, path, body) => {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return response.status === 204 ? null : response.json()
}
const until = (check, what, timeoutMs = 20000) => new Promise((resolve, reject) => {
  const started = Date.now()
  const poll = () => {
    if (check()) return resolve()
    if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
    setTimeout(poll, 20)
  }
  poll()
})
const newClient = (as = token) => new LockstepClient({
  url: wsUrl, token: as, WebSocket, storage: memoryStorage(), keepaliveMs: 2000, onNewDeployment: () => {}
})

const scenarios = {
  // a stream whose connection drops mid-answer: the client reconnects and ends with every event once
  async 'stream-reconnect' () {
    const created = await api('POST', 'api/sessions', { title: 'sdk' })
    const client = newClient()
    await client.connect()
    const session = await client.session(created.id)
    let events = []
    session.events.subscribe((value) => { events = value })
    const ack = await session.prompt('/chunks 40 /delay 30 ' + 'the quick brown fox jumps over the lazy dog '.repeat(3))
    await until(() => events.some((e) => e.type === 'agent_message' && e.data.text.length > 20), 'some streamed text')
    client.socket.terminate() // the network drops
    await until(() => events.some((e) => e.type === 'prompt_complete'), 'prompt_complete')
    await until(() => events.every((e) => !e.partial), 'every event whole')
    const stored = await api('GET', `api/sessions/${created.id}/events?limit=500`)
    client.close()
    return {
      prompt_seq: ack.seq,
      held: events.map((e) => ({ seq: e.seq, type: e.type, text: e.data && e.data.text })),
      stored: stored.events.map((e) => ({ seq: e.seq, type: e.type, text: e.data && e.data.text }))
    }
  },
  // two editors converge, an edit made offline arrives after the reconnect, a reader cannot change it
  async notes () {
    const note = await api('POST', 'api/notes', { title: 'sdk note' })
    await api('PUT', `api/notes/${note.id}/access`, { read: { user_ids: [readerId] } })
    const [a, b, r] = [newClient(), newClient(), newClient(readerToken)]
    await Promise.all([a.connect(), b.connect(), r.connect()])
    const [docA, docB, docR] = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    await a.note(note.id, docA, Y)
    await b.note(note.id, docB, Y)
    const reader = await r.note(note.id, docR, Y)
    const text = (doc) => doc.getText('content').toString()
    docA.getText('content').insert(0, 'from a')
    await until(() => text(docB) === 'from a' && text(docR) === 'from a', 'b and the reader see a')
    docB.getText('content').insert(6, ', from b')
    await until(() => text(docA) === 'from a, from b', 'a sees b')
    a.socket.terminate()
    docA.getText('content').insert(0, '[offline] ')
    await until(() => text(docB) === '[offline] from a, from b', 'the offline edit after the reconnect')
    docR.getText('content').insert(0, 'reader was here ')
    const stored = new Y.Doc()
    await until(() => reader.readOnly, 'the reader is told it may only read')
    Y.applyUpdate(stored, new Uint8Array(await (await fetch(base + `api/notes/${note.id}/document`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer()))
    const result = { a: text(docA), b: text(docB), stored: text(stored), readOnly: reader.readOnly }
    a.close(); b.close(); r.close()
    return result
  },
  // changes made while a device was offline arrive through user:sync after it reconnects
  async 'user-sync' () {
    const client = newClient()
    await client.connect()
    await api('POST', 'api/chats', { title: 'before' })
    await until(() => client.chats.get().some((c) => c.title === 'before'), 'the live chat event')
    client.socket.terminate()
    const offline = await api('POST', 'api/chats', { title: 'while offline' })
    await until(() => client.state.get() === 'online' && client.chats.get().some((c) => c.id === offline.id), 'user:sync')
    const titles = client.chats.get().map((c) => c.title)
    client.close()
    return { titles }
  }
}

try {
  const result = await scenarios[scenario]()
  process.stdout.write(JSON.stringify({ ok: true, ...result }))
  process.exit(0)
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(e && e.stack ? e.stack : e) }))
  process.exit(0)
}
