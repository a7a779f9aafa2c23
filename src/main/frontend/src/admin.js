// The admin page at /admin/: the live state of every node from /api/admin, refreshed every few
// seconds, and the actions an admin needs (disconnect or delete a user, end a room, announce a
// deployment).
import { Api, ApiError, devToken } from './api.js'
import { h, fill, report } from './dom.js'

const TOKEN_KEY = 'lockstep.token' // shared with the web app: one sign-in for both pages
const API = '../api/'
const REFRESH_MS = 5000
const root = document.getElementById('admin')
let timer = null

function showSignIn (problem = '') {
  clearInterval(timer)
  const error = h('p', { className: 'error', 'data-testid': 'sign-in-error', role: 'alert' }, problem)
  const username = h('input', { name: 'username', 'data-testid': 'username', maxlength: 64, placeholder: 'root' })
  const pasted = h('textarea', { name: 'token', 'data-testid': 'token', rows: 3, placeholder: 'eyJhbGciOi…' })
  const signIn = async (event) => {
    event.preventDefault()
    try {
      const token = pasted.value.trim() || await devToken(username.value.trim(), { admin: true, base: API })
      localStorage.setItem(TOKEN_KEY, token)
      start(token)
    } catch (e) {
      error.textContent = e.message
    }
  }
  fill(root, h('main', { className: 'sign-in' },
    h('h1', {}, 'Lockstep admin'),
    h('form', { onsubmit: signIn, 'data-testid': 'sign-in' },
      h('label', {}, 'Admin user name (development sign-in)', username),
      h('details', {}, h('summary', {}, 'Or a token from your identity provider (group admin)'), h('label', {}, 'Bearer token', pasted)),
      h('button', { type: 'submit' }, 'Sign in'),
      error)))
}

function signOut (problem) {
  localStorage.removeItem(TOKEN_KEY)
  showSignIn(problem)
}

async function start (token) {
  const api = new Api(token, () => signOut('Your sign-in expired. Sign in again.'), API)
  const panels = {
    nodes: h('section', { 'data-testid': 'nodes' }),
    users: h('section', { 'data-testid': 'users' }),
    rooms: h('section', { 'data-testid': 'rooms' }),
    usage: h('section', { 'data-testid': 'usage' }),
    prompts: h('section', { 'data-testid': 'prompts' }),
    errors: h('section', { 'data-testid': 'errors' }),
    audit: h('section', { 'data-testid': 'audit' })
  }
  const act = async (action) => {
    try {
      const entry = await action()
      notice.textContent = `${entry.action} ${entry.target || ''}: ${entry.outcome}`
      await refresh(api, panels, act)
    } catch (e) {
      report(e)
    }
  }
  const notice = h('p', { className: 'notice', 'data-testid': 'notice', 'aria-live': 'polite' })
  fill(root,
    h('header', { className: 'topbar' },
      h('a', { className: 'brand', href: '../' }, 'Lockstep'),
      h('span', {}, 'admin'),
      h('span', { className: 'spacer' }),
      h('button', { 'data-testid': 'announce', onclick: () => confirm('Tell every client to reload now?') && act(() => api.post('admin/deployment/announce')) }, 'Announce new deployment'),
      h('button', { className: 'link', onclick: () => signOut() }, 'Sign out')),
    h('main', { className: 'admin' }, notice, ...Object.values(panels)))
  try {
    await refresh(api, panels, act)
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return signOut('This account is not an admin (the token needs the group admin).')
    throw e
  }
  clearInterval(timer)
  timer = setInterval(() => refresh(api, panels, act).catch(report), REFRESH_MS)
}

async function refresh (api, panels, act) {
  const [nodes, users, rooms, usage, prompts, errors, audit] = await Promise.all([
    api.get('admin/nodes'), api.get('admin/connections'), api.get('admin/rooms'), api.get('admin/usage'),
    api.get('admin/prompts'), api.get('admin/errors?limit=20'), api.get('admin/audit?limit=20')
  ])
  fill(panels.nodes, h('h2', {}, `Nodes (${nodes.length})`),
    table(['Node', 'Signed-in connections'], nodes.map((n) => [n.node + (n.self ? ' (this one)' : ''), n.connections])))
  fill(panels.users, h('h2', {}, `Connected users (${users.length})`),
    table(['User', 'Connections', ''], users.map((u) => [
      u.name === u.user_id ? u.user_id : `${u.name} (${u.user_id})`,
      u.connections.map((c) => `${c.connection_id.slice(0, 8)} on ${c.node.slice(0, 8)}`).join(', '),
      h('span', {},
        h('button', { 'data-testid': `disconnect-${u.user_id}`, onclick: () => act(() => api.post(`admin/users/${encodeURIComponent(u.user_id)}/disconnect`)) }, 'Disconnect'),
        h('button', { 'data-testid': `delete-${u.user_id}`, onclick: () => confirm(`Delete ${u.user_id}? Name, email and settings are erased and every token of theirs is refused from now on.`) && act(() => api.delete(`admin/users/${encodeURIComponent(u.user_id)}`)) }, 'Delete'))
    ]), (row, i) => row.setAttribute('data-user', users[i].user_id)))
  fill(panels.rooms, h('h2', {}, `Rooms (${rooms.length})`),
    table(['Room', 'Members', ''], rooms.map((r) => [
      r.room,
      r.members.length,
      h('button', { onclick: () => act(() => api.post(`admin/rooms/${encodeURIComponent(r.room)}/end`)) }, 'End')
    ])))
  fill(panels.usage, h('h2', {}, 'Models in use'), table(['Model', 'Connections'], usage.map((m) => [m.model, m.connections])))
  fill(panels.prompts, h('h2', {}, `Agent prompts running (${prompts.length})`),
    table(['Session', 'Owner', 'Model', 'Node', 'Last sign of life'], prompts.map((p) => [p.title, p.owner_id, p.model, (p.node || '').slice(0, 8), p.alive ? p.alive_at : `${p.alive_at} (stale)`])))
  fill(panels.errors, h('h2', {}, 'Recent errors'),
    table(['When', 'Code', 'Frame', 'User', 'Message'], errors.map((e) => [new Date(e.at_millis).toISOString(), e.code, e.frame_type || '', e.user_id || '', e.message])))
  fill(panels.audit, h('h2', {}, 'Audit log'),
    table(['When', 'Who', 'Action', 'Target', 'Outcome'], audit.map((a) => [a.at, a.actor_name || a.actor_id, a.action, a.target || '', a.outcome])))
}

function table (headings, rows, decorate = () => {}) {
  if (rows.length === 0) return h('p', { className: 'empty' }, 'None.')
  return h('table', {},
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', {}, heading)))),
    h('tbody', {}, rows.map((cells, i) => {
      const row = h('tr', {}, cells.map((cell) => h('td', {}, cell)))
      decorate(row, i)
      return row
    })))
}

const stored = localStorage.getItem(TOKEN_KEY)
if (stored) start(stored).catch((e) => showSignIn(e.message))
else showSignIn()
