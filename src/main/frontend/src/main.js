// The reference web app: sign-in, the live lists, and one view at a time (#/chat/…, #/session/…,
// #/note/…), all fed by the Lockstep SDK.
import { LockstepClient, TabLeader, writable } from '../../../../war-overlay/js/lockstep-client.js'
import { Api, devToken } from './api.js'
import { h, fill, report } from './dom.js'
import { showChat } from './chat-view.js'
import { showSession } from './session-view.js'
import { showNote } from './note-view.js'
import { sidebar } from './sidebar.js'

const TOKEN_KEY = 'lockstep.token'
const root = document.getElementById('app')

let current = {} // the signed-in user's api, client and stores
let leaveView = () => {}
let shownHash = null // the route on screen
let routing = Promise.resolve()

function showSignIn (problem = '') {
  const error = h('p', { className: 'error', 'data-testid': 'sign-in-error', role: 'alert' }, problem)
  const username = h('input', { name: 'username', 'data-testid': 'username', autocomplete: 'username', required: true, maxlength: 64, placeholder: 'alice' })
  const pasted = h('textarea', { name: 'token', 'data-testid': 'token', rows: 3, placeholder: 'eyJhbGciOi…' })
  const signIn = async (event) => {
    event.preventDefault()
    try {
      const chosen = pasted.value.trim() || await devToken(username.value.trim())
      localStorage.setItem(TOKEN_KEY, chosen)
      start(chosen)
    } catch (e) {
      error.textContent = e.message
    }
  }
  fill(root, h('main', { className: 'sign-in' },
    h('h1', {}, 'Lockstep'),
    h('form', { onsubmit: signIn, 'data-testid': 'sign-in' },
      h('label', {}, 'User name (development sign-in)', username),
      h('details', {}, h('summary', {}, 'Or sign in with a token from your identity provider'), h('label', {}, 'Bearer token', pasted)),
      h('button', { type: 'submit' }, 'Sign in'),
      error)))
  username.addEventListener('input', () => { pasted.required = false })
  username.focus()
}

function signOut (problem) {
  localStorage.removeItem(TOKEN_KEY)
  if (current.client) current.client.close()
  if (current.route) window.removeEventListener('hashchange', current.route)
  current = {}
  leaveView()
  leaveView = () => {}
  shownHash = null
  location.hash = ''
  showSignIn(problem)
}

async function start (token) {
  const api = new Api(token, () => signOut('Your sign-in expired. Sign in again.'))
  const client = new LockstepClient({ url: socketUrl(), token })
  const leader = new TabLeader()
  current = { api, client, leader, notes: writable([]), reload: () => loadLists(current) }
  const connection = h('span', { className: 'connection', 'data-testid': 'connection', 'aria-live': 'polite' })
  const who = h('span', { className: 'who', 'data-testid': 'user' })
  const view = h('section', { className: 'view', 'data-testid': 'view' })
  fill(root,
    h('header', { className: 'topbar' },
      h('a', { className: 'brand', href: '#/' }, 'Lockstep'),
      connection,
      h('span', { className: 'spacer' }),
      who,
      h('button', { className: 'link', onclick: () => signOut(), 'data-testid': 'sign-out' }, 'Sign out')),
    h('div', { className: 'layout' }, sidebar(current), view))
  client.state.subscribe((state) => {
    connection.dataset.state = state
    connection.textContent = { online: 'Online', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline', 'signed-out': 'Signed out' }[state] || state
    if (state === 'signed-out') signOut('The server refused your sign-in. Sign in again.')
  })
  client.user.subscribe((user) => { who.textContent = user ? user.name || user.id : '' })
  client.onReset = () => loadLists(current).catch(report)
  const route = () => showRoute(view)
  current.route = route
  window.addEventListener('hashchange', route)
  await client.connect()
  await loadLists(current)
  await route()
}

function socketUrl () {
  const url = new URL('ws', location.href)
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  url.hash = ''
  return url.href
}

/** Shows the view the hash names; one at a time, so a view is left before the next one opens. */
function showRoute (view) {
  routing = routing.then(() => showRouteNow(view)).catch(report)
  return routing
}

async function showRouteNow (view) {
  if (location.hash === shownHash) return
  shownHash = location.hash
  leaveView()
  leaveView = () => {}
  const [, kind, id] = location.hash.match(/^#\/(chat|session|note)\/(.+)$/) || []
  document.querySelectorAll('[data-id]').forEach((item) => item.classList.toggle('active', item.dataset.id === id))
  if (!kind) {
    fill(view, h('div', { className: 'empty' }, h('h2', {}, 'Welcome'), h('p', {}, 'Pick a chat, an agent session or a note, or start one on the left.')))
    return
  }
  const show = { chat: showChat, session: showSession, note: showNote }[kind]
  leaveView = (await show(view, decodeURIComponent(id), current)) || (() => {})
}

/** Lists as the server has them; events that arrived meanwhile win when they are newer. */
async function loadLists ({ api, client, notes }) {
  const [chats, sessions, noteList] = await Promise.all([
    api.get('chats?size=200'),
    api.get('sessions?size=200'),
    api.get('notes?size=200')
  ])
  client.chats.update((live) => newest(chats.items, live))
  client.sessionList.update((live) => newest(sessions.items, live))
  notes.set(noteList.items)
}

function newest (loaded, live) {
  const byId = new Map(loaded.map((item) => [item.id, item]))
  for (const item of live) {
    const other = byId.get(item.id)
    if (!other || Date.parse(item.updated_at) > Date.parse(other.updated_at)) byId.set(item.id, item)
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at))
}

// last, so that everything above is initialised when a stored token starts the app at once
const token = localStorage.getItem(TOKEN_KEY)
if (token) start(token)
else showSignIn()
