// Lockstep's JavaScript client: keeps a browser (or Node) in lockstep with the server over /ws.
// A dependency-free ES module. Its stores follow the Svelte store contract: subscribe(fn) calls fn
// at once with the current value and on every change, and returns the function that unsubscribes.
// Protocol: src/site/markdown/protocol.md; API: src/site/markdown/client.md.

/** A store that holds a value: the Svelte store contract plus get(). */
export function writable (initial) {
  let value = initial
  const subscribers = new Set()
  return {
    subscribe (fn) {
      subscribers.add(fn)
      fn(value)
      return () => subscribers.delete(fn)
    },
    set (next) {
      value = next
      for (const fn of [...subscribers]) fn(value)
    },
    update (change) {
      this.set(change(value))
    },
    get: () => value
  }
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first): exponential from `base`, capped at
 * `cap`, then spread by up to `jitter` either way so that clients do not all return at once.
 */
export function backoffDelay (attempt, { base = 1000, cap = 30000, jitter = 0.3, random = Math.random } = {}) {
  const exponential = Math.min(cap, base * 2 ** Math.min(attempt, 30))
  const spread = exponential * jitter * (2 * random() - 1)
  return Math.max(0, Math.round(Math.min(cap, exponential + spread)))
}

function textOf (event) {
  return event.data && typeof event.data.text === 'string' ? event.data.text : ''
}

/**
 * The events of one agent session as a client must hold them: by seq, each once, streamed chunks
 * appended at their offset, older pages prepended. It notices gaps (a max_seq above what it holds)
 * and asks for a fill after a debounce, so a burst of frames causes one request.
 */
export class SessionEvents {
  constructor ({ debounceMs = 500, schedule = setTimeout, cancel = clearTimeout, onGap = () => {} } = {}) {
    this.byseq = new Map()
    this.streamedHere = new Set()
    this.maxSeqSeen = 0
    this.debounceMs = debounceMs
    // called unbound: a browser's setTimeout refuses any other `this` ("Illegal invocation")
    this.schedule = (fn, ms) => schedule(fn, ms)
    this.cancel = (timer) => cancel(timer)
    this.onGap = onGap
    this.gapTimer = null
    this.store = writable([])
  }

  /** A frame of the session: a whole event, a chunk (with offset), or an events_loaded reply. */
  accept (frame) {
    if (frame.type === 'events_loaded') {
      for (const event of frame.events) this.whole(event)
      this.sawMaxSeq(frame.max_seq)
    } else if (typeof frame.offset === 'number') {
      this.chunk(frame)
      this.sawMaxSeq(frame.max_seq)
    } else if (typeof frame.seq === 'number') {
      this.whole(frame)
      this.sawMaxSeq(frame.max_seq)
    }
    this.publish()
  }

  whole (event) {
    const held = this.byseq.get(event.seq)
    if (held && event.partial) {
      // a partial event is a prefix of the answer: it never replaces a whole one, nor a longer
      // partial (a subscriber that joined mid-stream holds the peeked buffer, which is ahead of
      // what was stored, and the live chunks continue from its end)
      if (!held.partial || textOf(held).length >= textOf(event).length) return
    }
    this.byseq.set(event.seq, { ...event })
    this.streamedHere.delete(event.seq)
  }

  chunk (frame) {
    const text = frame.data && typeof frame.data.text === 'string' ? frame.data.text : ''
    const held = this.byseq.get(frame.seq)
    if (frame.offset === 0 || !held) {
      if (frame.offset !== 0) return // a continuation of text this client never saw: the fill brings it
      this.byseq.set(frame.seq, { ...frame, data: { ...frame.data, text }, partial: true, offset: undefined })
      this.streamedHere.add(frame.seq)
      return
    }
    const current = textOf(held)
    if (frame.offset !== current.length) return // already have it, or a hole: the fill brings it
    // a new object, never a change in place: views compare events by identity to redraw them
    this.byseq.set(frame.seq, { ...held, data: { ...held.data, text: current + text } })
    if (held.partial) this.streamedHere.add(frame.seq)
  }

  sawMaxSeq (maxSeq) {
    if (typeof maxSeq === 'number' && maxSeq > this.maxSeqSeen) this.maxSeqSeen = maxSeq
    if (this.needsFill()) this.scheduleFill()
  }

  needsFill () {
    return this.missing().length > 0 || this.finishedPartials().length > 0
  }

  /** Partial events that no chunk on this connection continues, with a newer event after them. */
  finishedPartials () {
    return [...this.byseq.values()]
      .filter((event) => event.partial && !this.streamedHere.has(event.seq) && event.seq < Math.max(this.maxSeqSeen, ...this.byseq.keys()))
      .map((event) => event.seq)
  }

  /** Seqs above the first one held and up to the highest known that the client does not hold. */
  missing () {
    const seqs = [...this.byseq.keys()]
    if (seqs.length === 0) return []
    const first = Math.min(...seqs)
    const gaps = []
    for (let seq = first; seq <= this.maxSeqSeen && gaps.length < 1000; seq++) {
      if (!this.byseq.has(seq)) gaps.push(seq)
    }
    return gaps
  }

  scheduleFill () {
    if (this.gapTimer !== null) this.cancel(this.gapTimer)
    this.gapTimer = this.schedule(() => {
      this.gapTimer = null
      if (this.needsFill()) this.onGap(this.syncPoint())
    }, this.debounceMs)
  }

  /** The highest seq up to which every event is held whole: where a sync starts (after_seq). */
  syncPoint () {
    const seqs = [...this.byseq.keys()].sort((a, b) => a - b)
    if (seqs.length === 0) return 0
    let point = seqs[0] - 1
    for (const seq of seqs) {
      const event = this.byseq.get(seq)
      if (seq !== point + 1 || event.partial) break
      point = seq
    }
    return point
  }

  /** A new connection: text streamed on the old one may have lost its end. */
  reconnected () {
    for (const seq of this.streamedHere) {
      const event = this.byseq.get(seq)
      if (event) this.byseq.set(seq, { ...event, partial: true })
    }
    this.streamedHere.clear()
  }

  /** The oldest seq held, for loading older events (before_seq). */
  oldestSeq () {
    const seqs = [...this.byseq.keys()]
    return seqs.length === 0 ? null : Math.min(...seqs)
  }

  publish () {
    // a newer event ends what streamed before it
    const seqs = [...this.byseq.keys()].sort((a, b) => a - b)
    const newest = seqs[seqs.length - 1]
    for (const seq of this.streamedHere) {
      if (seq < newest) {
        this.byseq.set(seq, { ...this.byseq.get(seq), partial: false })
        this.streamedHere.delete(seq)
      }
    }
    this.store.set(seqs.map((seq) => this.byseq.get(seq)))
  }
}

/**
 * Prompts saved before they are sent and kept until the server acknowledges them, so a prompt sent
 * just before the connection dropped is sent again after it returns (the server's prompt_id makes
 * the retry safe). Entries expire after `ttlMs`.
 */
export class PendingPrompts {
  constructor (storage, { ttlMs = 5 * 60 * 1000, now = Date.now, key = 'lockstep.pending-prompts' } = {}) {
    this.storage = storage
    this.ttlMs = ttlMs
    this.now = now
    this.key = key
  }

  all () {
    try {
      const stored = JSON.parse(this.storage.getItem(this.key) || '[]')
      return Array.isArray(stored) ? stored : []
    } catch {
      return []
    }
  }

  write (prompts) {
    this.storage.setItem(this.key, JSON.stringify(prompts))
  }

  save (prompt) {
    const prompts = this.all().filter((p) => p.prompt_id !== prompt.prompt_id)
    prompts.push({ ...prompt, saved_at: this.now() })
    this.write(prompts)
  }

  acknowledged (promptId) {
    this.write(this.all().filter((p) => p.prompt_id !== promptId))
  }

  /** The prompts still worth sending, oldest first; expired ones are dropped. */
  due () {
    const fresh = this.all().filter((p) => this.now() - p.saved_at < this.ttlMs)
    this.write(fresh)
    return fresh.sort((a, b) => a.saved_at - b.saved_at)
  }
}

/** A storage that forgets on reload, where localStorage is missing (Node, private windows). */
export function memoryStorage () {
  const items = new Map()
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key)
  }
}

const AUTH_CLOSE = 4401

/**
 * A connection to Lockstep that keeps itself alive: signs in, reconnects with backoff, checks the
 * deployment, catches up the user room with user:sync and every followed session by after_seq,
 * sends keepalives and treats two missed acks as a dead connection.
 */
export class LockstepClient {
  constructor ({
    url,
    token,
    WebSocket: Socket = globalThis.WebSocket,
    storage = globalThis.localStorage || memoryStorage(),
    keepaliveMs = 10000,
    backoff = {},
    schedule = setTimeout,
    cancel = clearTimeout,
    onNewDeployment = defaultReload
  }) {
    this.url = url
    this.token = token
    this.Socket = Socket
    this.keepaliveMs = keepaliveMs
    this.backoff = backoff
    // called unbound: a browser's setTimeout refuses any other `this` ("Illegal invocation")
    this.schedule = (fn, ms) => schedule(fn, ms)
    this.cancel = (timer) => cancel(timer)
    this.onNewDeployment = onNewDeployment
    this.prompts = new PendingPrompts(storage)
    this.state = writable('offline') // offline | connecting | online | reconnecting | signed-out
    this.user = writable(null)
    this.chats = writable([])
    this.sessionList = writable([])
    this.models = writable([])
    this.presence = writable([])
    this.sessions = new Map()
    this.notes = new Map()
    this.userSeq = 0
    this.attempt = 0
    this.deploymentId = null
    this.socket = null
    this.stopped = false
    this.missedAcks = 0
    this.timers = new Set()
    this.nextId = 1
    this.replies = new Map()
  }

  /** Opens the connection; resolves once signed in. */
  connect () {
    this.stopped = false
    return new Promise((resolve) => {
      this.afterWelcome = resolve
      this.open()
    })
  }

  /** A fresh token, for when the old one expires; used from the next (re)connect on. */
  setToken (token) {
    this.token = token
    if (this.state.get() === 'signed-out') {
      this.stopped = false
      this.open()
    }
  }

  close () {
    this.stopped = true
    this.timers.forEach((timer) => this.cancel(timer))
    this.timers.clear()
    if (this.socket) this.socket.close(1000, 'closed by the client')
    this.state.set('offline')
  }

  open () {
    this.state.set(this.attempt === 0 ? 'connecting' : 'reconnecting')
    const socket = new this.Socket(this.url)
    this.socket = socket
    socket.onopen = () => this.send({ type: 'user-join', token: this.token })
    socket.onmessage = (message) => this.receive(JSON.parse(typeof message.data === 'string' ? message.data : String(message.data)))
    socket.onclose = (event) => this.closed(socket, event.code)
    socket.onerror = () => {}
  }

  closed (socket, code) {
    if (socket !== this.socket) return
    this.socket = null
    this.replies.forEach((reply) => reply.reject(new Error('connection closed')))
    this.replies.clear()
    if (this.stopped) return
    if (code === AUTH_CLOSE) {
      this.state.set('signed-out') // setToken() reconnects
      return
    }
    this.state.set('reconnecting')
    const delay = backoffDelay(this.attempt++, this.backoff)
    this.later(() => this.open(), delay)
  }

  later (fn, ms) {
    const timer = this.schedule(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
    return timer
  }

  /**
   * Sends a frame; with `expectReply`, resolves with the answer (rejects on an error frame, and
   * with code `timeout` when `timeoutMs` pass without one: a frame the server dropped for its rate
   * limit is never answered).
   */
  send (frame, expectReply = false, timeoutMs = 0) {
    if (!this.socket || this.socket.readyState !== 1) {
      return expectReply ? Promise.reject(new Error('not connected')) : undefined
    }
    if (!expectReply) {
      this.socket.send(JSON.stringify(frame))
      return undefined
    }
    const id = `c${this.nextId++}`
    return new Promise((resolve, reject) => {
      const timer = timeoutMs > 0
        ? this.later(() => {
          if (this.replies.delete(id)) reject(Object.assign(new Error('no answer'), { code: 'timeout' }))
        }, timeoutMs)
        : null
      const settle = (fn) => (value) => {
        if (timer !== null) {
          this.cancel(timer)
          this.timers.delete(timer)
        }
        fn(value)
      }
      this.replies.set(id, { resolve: settle(resolve), reject: settle(reject) })
      this.socket.send(JSON.stringify({ ...frame, id }))
    })
  }

  receive (frame) {
    if (frame.reply_to && this.replies.has(frame.reply_to)) {
      const reply = this.replies.get(frame.reply_to)
      this.replies.delete(frame.reply_to)
      if (frame.type === 'error') reply.reject(Object.assign(new Error(frame.message), { code: frame.code }))
      else reply.resolve(frame)
    }
    switch (frame.type) {
      case 'welcome': return this.welcomed(frame)
      case 'keepalive_ack': this.missedAcks = 0; return
      case 'session_gone': return this.sessionGone(frame)
      case 'models:updated': this.models.set(frame.models || []); return
      case 'deployment:new': return this.onNewDeployment(frame) // an admin announced it
      case 'room:ended': return this.roomEnded(frame)
      default:
    }
    if (frame.document_id) {
      const note = this.notes.get(frame.document_id)
      if (note) note.receive(frame)
      return
    }
    if (typeof frame.seq === 'number' && !frame.session_id && frame.type !== 'events_loaded') {
      this.userEvent(frame)
      return
    }
    const session = frame.session_id && this.sessions.get(frame.session_id)
    if (session) session.events.accept(frame)
  }

  /**
   * Keeps a Y.Doc in sync with a note (yjs is a peer dependency: pass its module as `Y`). The
   * server's stored document is the truth: the doc is never used to seed it. Resolves with the
   * binding once the stored state is applied; `binding.readOnly` says whether edits are refused.
   * Options: `contentOf(doc)` renders the plain text the server keeps for search and lists;
   * `awareness` (a y-protocols Awareness) with `awarenessProtocol` (the y-protocols/awareness
   * module) shares cursors and names with the other members.
   */
  async note (noteId, doc, Y, options = {}) {
    let binding = this.notes.get(noteId)
    if (binding && binding.doc !== doc) {
      // one binding per note and connection: a new doc replaces the one bound before
      await binding.leave().catch(() => {})
      binding = null
    }
    if (!binding) {
      binding = new NoteBinding(this, noteId, doc, Y, options)
      this.notes.set(noteId, binding)
    }
    await binding.join()
    return binding
  }

  welcomed (welcome) {
    const previous = this.deploymentId
    this.deploymentId = welcome.deployment_id
    if (previous && previous !== welcome.deployment_id) {
      this.onNewDeployment(welcome)
    }
    this.user.set(welcome.user)
    this.state.set('online')
    this.attempt = 0
    this.missedAcks = 0
    this.startKeepalive()
    this.catchUp(welcome).catch(() => {})
    this.refreshPresence().catch(() => {})
    if (this.afterWelcome) {
      this.afterWelcome(welcome)
      this.afterWelcome = null
    }
  }

  async catchUp (welcome) {
    if (this.userSeq > 0) {
      let more = true
      while (more) {
        const sync = await this.send({ type: 'user:sync', after_seq: this.userSeq }, true)
        if (sync.reset) {
          this.userSeq = sync.last_seq
          this.onReset()
          break
        }
        sync.events.forEach((event) => this.userEvent(event))
        more = sync.has_more
      }
    } else {
      this.userSeq = welcome.last_seq
    }
    for (const [id, session] of this.sessions) {
      session.events.reconnected()
      await this.send({ type: 'session:subscribe', session_id: id }, true)
      await this.syncSession(id)
    }
    for (const binding of this.notes.values()) {
      await binding.join() // the server sends what changed meanwhile; the doc sends what it made
    }
    for (const prompt of this.prompts.due()) {
      this.sendPrompt(prompt).catch(() => {})
    }
  }

  /** Asks who is signed in on any node; the answer goes to the presence store. */
  async refreshPresence () {
    const list = await this.send({ type: 'presence:list' }, true)
    this.presence.set(list.users || [])
    return list.users
  }

  /** The user room's stream could not be caught up: the app reloads its lists over REST. */
  onReset () {}

  userEvent (event) {
    if (event.seq <= this.userSeq) return
    this.userSeq = event.seq
    if (event.type.startsWith('session:')) {
      this.sessionList.update((list) => applyChange(list, event, event.session))
    } else if (event.type.startsWith('chat:')) {
      this.chats.update((list) => applyChange(list, event, event.chat))
    }
  }

  startKeepalive () {
    const tick = () => {
      if (!this.socket) return
      if (this.missedAcks >= 2) {
        this.socket.close(4000, 'no keepalive_ack') // a zombie connection: start over
        return
      }
      this.missedAcks++
      this.send({ type: 'keepalive', client_time: Date.now() })
      this.later(tick, this.keepaliveMs)
    }
    this.later(tick, this.keepaliveMs)
  }

  /** Follows an agent session: its events (a store of the ordered events) and prompt(). */
  async session (id, { limit = 50 } = {}) {
    let session = this.sessions.get(id)
    if (!session) {
      const events = new SessionEvents({
        schedule: this.schedule,
        cancel: this.cancel,
        onGap: () => this.syncSession(id).catch(() => {})
      })
      session = { id, events, limit }
      this.sessions.set(id, session)
      await this.send({ type: 'session:subscribe', session_id: id }, true)
      const loaded = await this.send({ type: 'load_events', session_id: id, limit }, true)
      events.accept(loaded)
    }
    return {
      events: session.events.store,
      loadOlder: () => this.loadOlder(id),
      prompt: (text) => this.prompt(id, text),
      cancel: () => this.send({ type: 'cancel', session_id: id }, true)
    }
  }

  async syncSession (id) {
    const session = this.sessions.get(id)
    let more = true
    while (session && more) {
      const loaded = await this.send(
        { type: 'load_events', session_id: id, after_seq: session.events.syncPoint(), limit: session.limit },
        true)
      session.events.accept(loaded)
      more = loaded.has_more && !loaded.stale
    }
  }

  async loadOlder (id) {
    const session = this.sessions.get(id)
    const oldest = session && session.events.oldestSeq()
    if (!oldest || oldest <= 1) return false
    const loaded = await this.send({ type: 'load_events', session_id: id, before_seq: oldest, limit: session.limit }, true)
    session.events.accept(loaded)
    return loaded.has_more
  }

  /** Saves the prompt, then sends it; it is sent again after a reconnect until acknowledged. */
  prompt (sessionId, text) {
    const prompt = { session_id: sessionId, prompt_id: randomId(), text }
    this.prompts.save(prompt)
    return this.sendPrompt(prompt)
  }

  async sendPrompt (prompt) {
    const ack = await this.send({ type: 'prompt', ...prompt, saved_at: undefined }, true)
    this.prompts.acknowledged(prompt.prompt_id)
    return ack
  }

  /** An admin took this connection out of a room: a note stops syncing until note() is called again. */
  roomEnded (frame) {
    if (frame.room.startsWith('doc:')) {
      const note = this.notes.get(frame.room.slice('doc:'.length))
      if (note) note.joined = false
    } else if (frame.room.startsWith('session:')) {
      this.sessions.delete(frame.room.slice('session:'.length))
    }
  }

  sessionGone (frame) {
    const session = this.sessions.get(frame.session_id)
    if (!session) return
    this.sessions.delete(frame.session_id)
    session.events.store.set([...session.events.store.get()])
  }
}

const REMOTE = Symbol('lockstep')

/** One note's Y.Doc, kept in sync through the ydoc:* events of /ws. */
export class NoteBinding {
  constructor (client, noteId, doc, Y, { contentOf = null, awareness = null, awarenessProtocol = null, batchMs = 50, ackTimeoutMs = 5000 } = {}) {
    this.client = client
    this.noteId = noteId
    this.doc = doc
    this.Y = Y
    this.contentOf = contentOf
    this.awareness = awareness && awarenessProtocol ? awareness : null
    this.awarenessProtocol = awarenessProtocol
    this.readOnly = false
    this.joined = false
    this.batchMs = batchMs
    this.ackTimeoutMs = ackTimeoutMs
    this.pending = []
    this.awarenessChanged = new Set()
    this.awarenessTimer = null
    this.flushTimer = null
    this.members = writable([])
    this.onUpdate = (update, origin) => {
      if (origin !== REMOTE) this.publish(update)
    }
    doc.on('update', this.onUpdate)
    if (this.awareness) {
      this.onAwareness = ({ added, updated, removed }, origin) => {
        if (origin !== REMOTE) this.shareAwareness([...added, ...updated, ...removed])
      }
      this.awareness.on('update', this.onAwareness)
    }
  }

  async join () {
    const state = await this.client.send({ type: 'ydoc:document:join', document_id: this.noteId }, true)
    this.readOnly = state.permission === 'read'
    this.Y.applyUpdate(this.doc, fromBase64(state.state), REMOTE)
    this.members.set(state.sessions || [])
    // what this doc made while the connection was away: everything the server lacks
    const missing = this.Y.encodeStateAsUpdate(this.doc, this.Y.encodeStateVectorFromUpdate(fromBase64(state.state)))
    if (missing.length > 2) this.publish(missing) // [0, 0] is the empty update
    this.joined = true
    if (this.awareness) this.shareAwareness([this.doc.clientID])
  }

  /** Cursor moves are sent at most every 2 × `batchMs`, the latest state of each changed client. */
  shareAwareness (clients) {
    clients.forEach((client) => this.awarenessChanged.add(client))
    if (this.awarenessTimer !== null) return
    this.awarenessTimer = this.client.later(() => {
      this.awarenessTimer = null
      const changed = [...this.awarenessChanged]
      this.awarenessChanged.clear()
      if (!this.joined || changed.length === 0) return
      const update = this.awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
      this.client.send({ type: 'ydoc:awareness:update', document_id: this.noteId, update: toBase64(update) })
    }, 2 * this.batchMs)
  }

  /**
   * Sends a local change. Changes made within `batchMs` go as one merged update, so fast typing
   * stays under the server's frame rate; one refused for the rate is sent again (Yjs updates are
   * idempotent), one lost with the connection is recovered by join() after the reconnect.
   */
  publish (update) {
    if (this.readOnly) return
    this.pending.push(update)
    if (this.flushTimer === null) {
      this.flushTimer = this.client.later(() => this.flush(), this.batchMs)
    }
  }

  flush () {
    this.flushTimer = null
    // not joined (the room was ended): edits stay in the doc, and the next join sends them
    if (this.pending.length === 0 || this.readOnly || !this.joined) return
    const update = this.pending.length === 1 ? this.pending[0] : this.Y.mergeUpdates(this.pending)
    this.pending = []
    this.client
      .send(this.updateFrame(update), true, this.ackTimeoutMs)
      .catch((error) => {
        if (error.code === 'forbidden') this.readOnly = true
        else if (error.code === 'timeout' || error.code === 'rate_limited') this.publish(update)
      })
  }

  updateFrame (update) {
    const frame = { type: 'ydoc:document:update', document_id: this.noteId, update: toBase64(update) }
    if (this.contentOf) frame.content = this.contentOf(this.doc)
    return frame
  }

  receive (frame) {
    if (frame.type === 'ydoc:document:update' && !frame.reply_to) {
      this.Y.applyUpdate(this.doc, fromBase64(frame.update), REMOTE)
    } else if (frame.type === 'ydoc:awareness:update' && this.awareness) {
      this.awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(frame.update), REMOTE)
    } else if (frame.type === 'ydoc:user:joined') {
      this.members.update((list) => [...list.filter((m) => m.session_id !== frame.session_id), frame])
    } else if (frame.type === 'ydoc:user:left') {
      this.members.update((list) => list.filter((m) => m.session_id !== frame.session_id))
    }
  }

  /** Stops following the note: the doc and awareness are left to the app (destroy them there). */
  leave () {
    if (this.client.notes.get(this.noteId) === this) this.client.notes.delete(this.noteId)
    this.joined = false
    this.doc.off('update', this.onUpdate)
    if (this.awareness) this.awareness.off('update', this.onAwareness)
    return this.client.send({ type: 'ydoc:document:leave', document_id: this.noteId }, true)
  }
}

function toBase64 (bytes) {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64 (text) {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Elects one tab per browser as the leader (the one that shows notifications) over a
 * BroadcastChannel: each tab announces itself every `intervalMs`; the tab with the smallest id
 * among those heard within three intervals leads. All tabs keep their own connection and state.
 */
export class TabLeader {
  constructor ({ channel = globalThis.BroadcastChannel ? new BroadcastChannel('lockstep-tabs') : null, intervalMs = 2000, now = Date.now, schedule = setInterval, cancel = clearInterval, id = randomId() } = {}) {
    this.id = id
    this.channel = channel
    this.now = now
    this.intervalMs = intervalMs
    this.cancel = (timer) => cancel(timer)
    this.seen = new Map()
    this.isLeader = writable(channel === null)
    if (channel) {
      channel.onmessage = (message) => {
        if (message.data && message.data.tab) this.seen.set(message.data.tab, this.now())
        this.elect()
      }
      this.timer = schedule(() => this.announce(), intervalMs)
      this.announce()
    }
  }

  announce () {
    this.channel.postMessage({ tab: this.id })
    this.seen.set(this.id, this.now())
    this.elect()
  }

  elect () {
    const alive = [...this.seen].filter(([, at]) => this.now() - at <= 3 * this.intervalMs).map(([tab]) => tab)
    alive.sort()
    const leads = alive[0] === this.id
    if (leads !== this.isLeader.get()) this.isLeader.set(leads)
  }

  close () {
    if (this.channel) {
      this.cancel(this.timer)
      this.channel.close()
    }
  }
}

function applyChange (list, event, record) {
  if (event.type.endsWith(':deleted')) return list.filter((item) => item.id !== event.id)
  if (!record) return list
  const others = list.filter((item) => item.id !== record.id)
  return [record, ...others]
}

function randomId () {
  return globalThis.crypto && globalThis.crypto.randomUUID
    ? globalThis.crypto.randomUUID()
    : `p-${Date.now()}-${Math.random().toString(36).slice(2)}`
}

/** A new deployment: what the reference app does, as the source documents describe. */
async function defaultReload () {
  if (globalThis.navigator && navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
    const registrations = await navigator.serviceWorker.getRegistrations()
    await Promise.all(registrations.map((registration) => registration.unregister()))
  }
  if (globalThis.location) globalThis.location.reload()
}
