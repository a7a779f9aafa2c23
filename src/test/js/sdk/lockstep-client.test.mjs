// Unit tests of the SDK (war-overlay/js/lockstep-client.js), run with `node --test` by mvn test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  writable, backoffDelay, SessionEvents, PendingPrompts, memoryStorage, LockstepClient, TabLeader
} from '../../../../war-overlay/js/lockstep-client.js'

/** Like a browser's setTimeout, refuses to be called as a method of another object. */
function unboundOnly (name) {
  if (this !== undefined) throw new TypeError(`Illegal invocation of ${name}`)
}

/** Timers that run only when the test says so, as strict about `this` as a browser's. */
function manualClock () {
  let now = 0
  let nextId = 1
  const timers = new Map()
  return {
    schedule: function (fn, ms) { unboundOnly.call(this, 'schedule'); const id = nextId++; timers.set(id, { fn, at: now + ms }); return id },
    cancel: function (id) { unboundOnly.call(this, 'cancel'); return timers.delete(id) },
    pending: () => timers.size,
    advance (ms) {
      now += ms
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && timers.has(id)) { timers.delete(id); timer.fn() }
      }
    }
  }
}

test('a store calls a subscriber at once, on every change, and never after it unsubscribed', () => {
  const store = writable(1)
  const seen = []
  const unsubscribe = store.subscribe((v) => seen.push(v))
  store.set(2)
  store.update((v) => v + 1)
  unsubscribe()
  store.set(4)
  assert.deepEqual(seen, [1, 2, 3])
  assert.equal(store.get(), 4)
})

test('backoff grows from 1 s, stays within 30 % either way, and never passes 30 s', () => {
  for (let attempt = 0; attempt < 40; attempt++) {
    const nominal = Math.min(30000, 1000 * 2 ** attempt)
    const low = backoffDelay(attempt, { random: () => 0 })
    const high = backoffDelay(attempt, { random: () => 0.999999 })
    assert.ok(low >= Math.floor(nominal * 0.7) - 1, `attempt ${attempt}: ${low}`)
    assert.ok(high <= 30000, `attempt ${attempt}: ${high}`)
    assert.ok(high <= Math.ceil(nominal * 1.3) + 1, `attempt ${attempt}: ${high}`)
  }
  assert.equal(backoffDelay(0, { random: () => 0.5 }), 1000)
})

const event = (seq, type = 'tool_call', extra = {}) => ({ type, seq, session_id: 's', data: {}, ...extra })

test('events merge by seq: loads and live frames overlap, yet each event is held once, in order', () => {
  const events = new SessionEvents({ schedule: () => 0, cancel: () => {} })
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(3), event(4)], max_seq: 4 })
  events.accept({ ...event(5), max_seq: 5 })
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(1), event(2), event(3)], max_seq: 5 })
  events.accept({ ...event(5), max_seq: 5 })
  assert.deepEqual(events.store.get().map((e) => e.seq), [1, 2, 3, 4, 5])
})

test('chunks of one seq coalesce at their offset; a repeated or early chunk changes nothing', () => {
  const events = new SessionEvents({ schedule: () => 0, cancel: () => {} })
  const chunk = (offset, text) => ({ type: 'agent_message', seq: 7, max_seq: 7, session_id: 's', offset, data: { text } })
  events.accept(chunk(0, 'Hel'))
  events.accept(chunk(3, 'lo'))
  events.accept(chunk(3, 'lo'))
  events.accept(chunk(9, 'far ahead'))
  assert.equal(events.store.get()[0].data.text, 'Hello')
  assert.equal(events.store.get()[0].partial, true)
  events.accept({ type: 'events_loaded', session_id: 's', events: [{ ...event(7, 'agent_message'), data: { text: 'Hello, world' } }], max_seq: 8 })
  assert.equal(events.store.get()[0].data.text, 'Hello, world')
})

test('a gap is filled once after the debounce, from the last seq held whole', () => {
  const clock = manualClock()
  const fills = []
  const events = new SessionEvents({ debounceMs: 500, schedule: clock.schedule, cancel: clock.cancel, onGap: (after) => fills.push(after) })
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(1), event(2)], max_seq: 2 })
  events.accept({ ...event(5), max_seq: 5 })
  events.accept({ ...event(6), max_seq: 6 })
  clock.advance(499)
  assert.deepEqual(fills, [])
  assert.equal(clock.pending(), 1, 'a burst leaves one timer')
  clock.advance(1)
  assert.deepEqual(fills, [2])
  assert.deepEqual(events.missing(), [3, 4])
})

test('text streamed before a reconnect counts as unfinished until it arrives whole', () => {
  const events = new SessionEvents({ schedule: () => 0, cancel: () => {} })
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(1)], max_seq: 1 })
  events.accept({ type: 'agent_message', seq: 2, max_seq: 2, session_id: 's', offset: 0, data: { text: 'Hal' } })
  events.reconnected()
  assert.equal(events.syncPoint(), 1)
  events.accept({ type: 'events_loaded', session_id: 's', events: [{ ...event(2, 'agent_message'), data: { text: 'Half an answer' } }], max_seq: 2 })
  assert.equal(events.syncPoint(), 2)
})

test('joining mid-stream: the peeked buffer beats the shorter stored partial, and the answer grows live', () => {
  const events = new SessionEvents({ schedule: () => 0, cancel: () => {} })
  const chunk = (offset, text) => ({ type: 'agent_message', seq: 5, max_seq: 5, session_id: 's', offset, data: { text } })
  events.accept(chunk(0, 'Echo: every wo')) // the peek after session:subscribe
  events.accept(chunk(14, 'rd'))
  const stored = { ...event(5, 'agent_message'), data: { text: 'Echo: ev' }, partial: true }
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(4), stored], max_seq: 5 })
  events.accept(chunk(16, ' arrives'))
  events.accept({ ...event(6, 'prompt_complete'), max_seq: 6 })
  const answer = events.store.get().find((e) => e.seq === 5)
  assert.equal(answer.data.text, 'Echo: every word arrives')
  assert.equal(answer.partial, false)
})

test('an event that grows or ends is a new object, so views that compare by identity redraw it', () => {
  const events = new SessionEvents({ schedule: () => 0, cancel: () => {} })
  const chunk = (offset, text) => ({ type: 'agent_message', seq: 2, max_seq: 2, session_id: 's', offset, data: { text } })
  events.accept(chunk(0, 'Hel'))
  const first = events.store.get()[0]
  events.accept(chunk(3, 'lo'))
  const grown = events.store.get()[0]
  assert.notStrictEqual(grown, first)
  assert.equal(first.data.text, 'Hel', 'what a view holds does not change under it')
  events.accept({ ...event(3, 'prompt_complete'), max_seq: 3 })
  const ended = events.store.get()[0]
  assert.notStrictEqual(ended, grown)
  assert.equal(grown.partial, true)
  assert.equal(ended.partial, false)
})

test('a stored partial that no chunk continues is loaded again once a newer event shows it ended', () => {
  const clock = manualClock()
  const fills = []
  const events = new SessionEvents({ debounceMs: 500, schedule: clock.schedule, cancel: clock.cancel, onGap: (after) => fills.push(after) })
  const stored = { ...event(2, 'agent_message'), data: { text: 'Half' }, partial: true }
  events.accept({ type: 'events_loaded', session_id: 's', events: [event(1), stored], max_seq: 2 })
  clock.advance(500)
  assert.deepEqual(fills, [], 'still streaming elsewhere: nothing to fetch yet')
  events.accept({ ...event(3, 'prompt_complete'), max_seq: 3 })
  clock.advance(500)
  assert.deepEqual(fills, [1])
  events.accept({ type: 'events_loaded', session_id: 's', events: [{ ...event(2, 'agent_message'), data: { text: 'Half an answer' } }, event(3, 'prompt_complete')], max_seq: 3 })
  assert.equal(events.store.get()[1].data.text, 'Half an answer')
  assert.equal(events.needsFill(), false)
})

test('pending prompts survive until acknowledged and expire after five minutes', () => {
  let now = 1000
  const prompts = new PendingPrompts(memoryStorage(), { now: () => now })
  prompts.save({ session_id: 's', prompt_id: 'a', text: 'one' })
  prompts.save({ session_id: 's', prompt_id: 'b', text: 'two' })
  prompts.acknowledged('a')
  assert.deepEqual(prompts.due().map((p) => p.prompt_id), ['b'])
  now += 5 * 60 * 1000
  assert.deepEqual(prompts.due(), [])
})

/** A WebSocket that the test drives; it answers user-join with welcome. */
class FakeSocket {
  static opened = []
  constructor (url) {
    this.url = url
    this.readyState = 0
    this.sent = []
    FakeSocket.opened.push(this)
  }

  open () { this.readyState = 1; this.onopen() }
  send (text) {
    const frame = JSON.parse(text)
    this.sent.push(frame)
    if (frame.type === 'user-join') this.reply({ type: 'welcome', user: { id: 'u' }, deployment_id: this.deployment || 'd1', last_seq: 0 })
  }

  reply (frame) { this.onmessage({ data: JSON.stringify(frame) }) }
  close (code = 1006) { this.readyState = 3; this.onclose({ code }) }
}

function client (clock, extra = {}) {
  FakeSocket.opened = []
  return new LockstepClient({
    url: 'ws://x/ws',
    token: 't1',
    WebSocket: FakeSocket,
    storage: memoryStorage(),
    schedule: clock.schedule,
    cancel: clock.cancel,
    backoff: { random: () => 0.5 },
    onNewDeployment: () => {},
    ...extra
  })
}

test('a dropped connection reconnects after the backoff and signs in again', async () => {
  const clock = manualClock()
  const c = client(clock)
  const connected = c.connect()
  FakeSocket.opened[0].open()
  await connected
  assert.equal(c.state.get(), 'online')
  FakeSocket.opened[0].close(1006)
  assert.equal(c.state.get(), 'reconnecting')
  clock.advance(999)
  assert.equal(FakeSocket.opened.length, 1)
  clock.advance(1)
  assert.equal(FakeSocket.opened.length, 2)
  FakeSocket.opened[1].open()
  assert.equal(c.state.get(), 'online')
  c.close()
})

test('an authentication close stops reconnecting until a new token comes', async () => {
  const clock = manualClock()
  const c = client(clock)
  const connected = c.connect()
  FakeSocket.opened[0].open()
  await connected
  FakeSocket.opened[0].close(4401)
  clock.advance(60000)
  assert.equal(FakeSocket.opened.length, 1)
  assert.equal(c.state.get(), 'signed-out')
  c.setToken('t2')
  FakeSocket.opened[1].open()
  assert.equal(FakeSocket.opened[1].sent[0].token, 't2')
  c.close()
})

test('two missed keepalive acks close the connection, which then reconnects', async () => {
  const clock = manualClock()
  const c = client(clock, { keepaliveMs: 10000 })
  const connected = c.connect()
  FakeSocket.opened[0].open()
  await connected
  clock.advance(10000)
  clock.advance(10000)
  assert.equal(FakeSocket.opened[0].sent.filter((f) => f.type === 'keepalive').length, 2)
  clock.advance(10000)
  assert.equal(FakeSocket.opened[0].readyState, 3, 'closed as a zombie')
  clock.advance(1000)
  assert.equal(FakeSocket.opened.length, 2)
  c.close()
})

test('a different deployment id after a reconnect asks the app to reload', async () => {
  const clock = manualClock()
  const reloads = []
  const c = client(clock, { onNewDeployment: (welcome) => reloads.push(welcome.deployment_id) })
  const connected = c.connect()
  FakeSocket.opened[0].open()
  await connected
  FakeSocket.opened[0].close(1006)
  clock.advance(1000)
  FakeSocket.opened[1].deployment = 'd2'
  FakeSocket.opened[1].open()
  assert.deepEqual(reloads, ['d2'])
  c.close()
})

test('an admin\'s announcement of a new deployment asks the app to reload', async () => {
  const clock = manualClock()
  const reloads = []
  const c = client(clock, { onNewDeployment: (frame) => reloads.push(frame.deployment_id) })
  const connected = c.connect()
  FakeSocket.opened[0].open()
  await connected
  FakeSocket.opened[0].reply({ type: 'deployment:new', deployment_id: 'd1' })
  assert.deepEqual(reloads, ['d1'])
  c.close()
})

test('a note whose room an admin ended stops sending edits until it is opened again', async () => {
  const Y = await import('yjs')
  const clock = manualClock()
  const c = client(clock)
  const connected = c.connect()
  const socket = FakeSocket.opened[0]
  socket.open()
  await connected
  const doc = new Y.Doc()
  const joining = c.note('n1', doc, Y)
  const join = () => socket.sent.filter((f) => f.type === 'ydoc:document:join').at(-1)
  socket.reply({ type: 'ydoc:document:state', reply_to: join().id, document_id: 'n1', state: 'AAA=', permission: 'write', sessions: [] })
  await joining
  socket.reply({ type: 'room:ended', room: 'doc:n1' })
  doc.getText('content').insert(0, 'kept')
  clock.advance(1000)
  const updates = () => socket.sent.filter((f) => f.type === 'ydoc:document:update')
  assert.equal(updates().length, 0, 'nothing sent outside the room')

  const again = c.note('n1', doc, Y)
  socket.reply({ type: 'ydoc:document:state', reply_to: join().id, document_id: 'n1', state: 'AAA=', permission: 'write', sessions: [] })
  await again
  clock.advance(50)
  assert.ok(updates().length >= 1, 'the edit goes once joined again')
  const copy = new Y.Doc()
  updates().forEach((u) => Y.applyUpdate(copy, Buffer.from(u.update, 'base64')))
  assert.equal(copy.getText('content').toString(), 'kept')
  c.close()
})

test('one tab of several leads, and another takes over when it goes quiet', () => {
  let now = 0
  const channels = []
  const channel = () => {
    const c = {
      postMessage: (data) => channels.filter((o) => o !== c).forEach((o) => o.onmessage && o.onmessage({ data })),
      close: () => {}
    }
    channels.push(c)
    return c
  }
  const tab = (id) => new TabLeader({ id, channel: channel(), now: () => now, schedule: () => 0, cancel: () => {} })
  const b = tab('b')
  const a = tab('a')
  b.announce()
  assert.equal(a.isLeader.get(), true)
  assert.equal(b.isLeader.get(), false)
  now += 7000 // a closed without a word; b keeps announcing
  b.announce()
  assert.equal(b.isLeader.get(), true)
})

test('note edits within the batch go as one update; one the server never answers is sent again', async () => {
  const Y = await import('yjs')
  const clock = manualClock()
  const c = client(clock)
  const connected = c.connect()
  const socket = FakeSocket.opened[0]
  socket.open()
  await connected
  const doc = new Y.Doc()
  const joining = c.note('n1', doc, Y, { contentOf: (d) => d.getText('content').toString() })
  const join = socket.sent.find((f) => f.type === 'ydoc:document:join')
  socket.reply({ type: 'ydoc:document:state', reply_to: join.id, document_id: 'n1', state: 'AAA=', permission: 'write', sessions: [] })
  await joining
  const text = doc.getText('content')
  text.insert(0, 'a')
  text.insert(1, 'b')
  text.insert(2, 'c')
  const updates = () => socket.sent.filter((f) => f.type === 'ydoc:document:update')
  assert.equal(updates().length, 0)
  clock.advance(50)
  assert.equal(updates().length, 1, 'three keystrokes, one frame')
  assert.equal(updates()[0].content, 'abc')
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Buffer.from(updates()[0].update, 'base64'))
  assert.equal(copy.getText('content').toString(), 'abc')

  clock.advance(5000) // no answer: dropped by the rate limit, say
  await new Promise((resolve) => setImmediate(resolve)) // the rejection settles
  clock.advance(50)
  assert.equal(updates().length, 2, 'sent again')
  assert.equal(updates()[1].update, updates()[0].update)
  socket.reply({ type: 'ydoc:document:updated', reply_to: updates()[1].id, document_id: 'n1', seq: 1 })
  clock.advance(10000)
  assert.equal(updates().length, 2, 'answered: not sent again')
  c.close()
})

test('opening a note again with a new doc moves the binding to that doc', async () => {
  const Y = await import('yjs')
  const clock = manualClock()
  const c = client(clock)
  const connected = c.connect()
  const socket = FakeSocket.opened[0]
  socket.open()
  await connected
  const open = async (doc) => {
    const joining = c.note('n1', doc, Y)
    await new Promise((resolve) => setImmediate(resolve)) // a leave of the old binding goes first
    const leave = socket.sent.filter((f) => f.type === 'ydoc:document:leave').at(-1)
    if (leave && !leave.answered) {
      leave.answered = true
      socket.reply({ type: 'ydoc:document:left', reply_to: leave.id, document_id: 'n1' })
      await new Promise((resolve) => setImmediate(resolve))
    }
    const join = socket.sent.filter((f) => f.type === 'ydoc:document:join').at(-1)
    socket.reply({ type: 'ydoc:document:state', reply_to: join.id, document_id: 'n1', state: 'AAA=', permission: 'write', sessions: [] })
    return joining
  }
  const first = new Y.Doc()
  await open(first)
  const second = new Y.Doc()
  await open(second)
  const remote = new Y.Doc()
  remote.getText('content').insert(0, 'from elsewhere')
  socket.reply({ type: 'ydoc:document:update', document_id: 'n1', seq: 1, update: Buffer.from(Y.encodeStateAsUpdate(remote)).toString('base64') })
  assert.equal(second.getText('content').toString(), 'from elsewhere')
  assert.equal(first.getText('content').toString(), '', 'the old doc is no longer bound')
  c.close()
})
