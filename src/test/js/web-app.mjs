// Browser scenarios of the reference web app: Debian's chromium driven by playwright-core against a
// real Lockstep. Run by WebAppIT: node web-app.mjs <base url> <scenario> <screenshot dir>.
// Prints one JSON line {ok, ...facts} and exits 0; on failure prints {ok: false, error, screenshots}
// after saving a screenshot of every open page.
import { chromium } from 'playwright-core'
import { mkdir } from 'node:fs/promises'

const [base, scenario, shots = 'target/browser-screenshots'] = process.argv.slice(2)
const WAIT = 30_000
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run']
})
const pages = []

async function newPage () {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } })
  const page = await context.newPage()
  page.setDefaultTimeout(WAIT)
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.error(`page console ${message.type()}: ${message.text()}`)
  })
  pages.push(page)
  return page
}

async function signIn (page, username) {
  await page.goto(base)
  await page.getByTestId('username').fill(username)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await online(page)
  return page.evaluate(() => localStorage.getItem('lockstep.token'))
}

const online = (page) => page.locator('[data-testid=connection][data-state=online]').waitFor()
const unique = (name) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`

async function rest (token, method, path, body) {
  const response = await fetch(new URL(`api/${path}`, base), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.status === 204 ? null : response.json()
}

/** Polls a condition, like Awaitility: every 100 ms, for at most WAIT. */
async function until (condition) {
  const deadline = Date.now() + WAIT
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${WAIT} ms: ${condition}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function check (condition, message) {
  if (!condition) throw new Error(message)
}

async function create (page, kind, title) {
  await page.getByTestId(`new-${kind}-title`).fill(title)
  await page.getByTestId(`new-${kind}`).getByRole('button').click()
  await page.locator(`[data-testid=${kind}-item]`, { hasText: title }).waitFor()
  await page.waitForURL(new RegExp(`#/${kind}/`))
  return decodeURIComponent(page.url().split(`#/${kind}/`)[1])
}

/** What the page shows of a session: [{seq, type, text}], in page order. */
const shownEvents = (page) => page.locator('[data-testid=event]').evaluateAll((elements) => elements.map((e) => ({
  seq: Number(e.dataset.seq), type: e.dataset.type, text: e.querySelector('.text, .bubble')?.textContent ?? null
})))

/** The page shows exactly the stored events: each once, in order, the answers whole. */
async function showsExactlyTheStoredEvents (page, token, sessionId) {
  const stored = await rest(token, 'GET', `sessions/${sessionId}/events?after_seq=0&limit=500`)
  const expected = stored.events.map((e) => ({ seq: e.seq, type: e.type, text: textOf(e) }))
  let shown = []
  const same = async () => {
    shown = await shownEvents(page)
    return JSON.stringify(shown) === JSON.stringify(expected) && (await page.locator('.event.partial').count()) === 0
  }
  await until(same).catch(() => {
    throw new Error(`the page does not show the stored events\nshown  ${JSON.stringify(shown)}\nstored ${JSON.stringify(expected)}`)
  })
  return shown
}

function textOf (event) {
  if (event.type === 'user_prompt' || event.type === 'agent_message' || event.type === 'agent_thought') return event.data.text
  return null
}

/** The editor's text as lines, without the other members' cursors and name tags drawn into it. */
function documentText () {
  const content = document.querySelector('[data-testid=editor] .cm-content').cloneNode(true)
  content.querySelectorAll('.cm-ySelectionCaret, .cm-ySelectionInfo, .cm-widgetBuffer').forEach((e) => e.remove())
  return [...content.querySelectorAll('.cm-line')].map((line) => line.textContent.replace(/\u2060/g, '')).join('\n')
}

async function prompt (page, text) {
  await page.getByTestId('prompt-input').fill(text)
  await page.getByTestId('send').click()
}

const scenarios = {
  /** Sign in, start a chat, and see a chat made elsewhere appear without a reload. */
  async 'live-list' () {
    const page = await newPage()
    const token = await signIn(page, unique('live'))
    await create(page, 'chat', 'Groceries')
    await rest(token, 'POST', 'chats', { title: 'Made over REST' })
    await page.locator('[data-testid=chat-item]', { hasText: 'Made over REST' }).waitFor()
    const titles = await page.getByTestId('chat-item').allTextContents()
    check(titles[0].startsWith('Made over REST'), `newest first: ${titles}`)
    return { titles }
  },

  /** Two browsers of one user: what one does, the other shows. */
  async 'two-contexts' () {
    const user = unique('twin')
    const a = await newPage()
    const b = await newPage()
    await signIn(a, user)
    await signIn(b, user)
    const chatId = await create(a, 'chat', 'Shared plan')
    await b.locator('[data-testid=chat-item]', { hasText: 'Shared plan' }).click()
    await b.getByTestId('chat-title').fill('Shared plan, revised')
    await b.getByTestId('rename').click()
    await a.locator('[data-testid=chat-item]', { hasText: 'Shared plan, revised' }).waitFor()
    await a.locator('[data-testid=chat-title]').evaluate((e) => e.blur())
    await a.getByTestId('message-input').fill('Bring snacks')
    await a.getByTestId('message-input').press('Enter')
    await b.locator('[data-testid=message]', { hasText: 'Bring snacks' }).waitFor()
    await create(b, 'session', 'Pair session')
    await a.locator('[data-testid=session-item]', { hasText: 'Pair session' }).waitFor()
    return { chatId }
  },

  /** A reload in the middle of an answer: the page shows the whole answer, each event once. */
  async 'reload-mid-stream' () {
    const page = await newPage()
    const token = await signIn(page, unique('reload'))
    const sessionId = await create(page, 'session', 'Long answer')
    const words = 'every word arrives exactly once '.repeat(6).trim()
    await prompt(page, `/chunks 80 /delay 60 ${words}`)
    await page.locator('.event.agent_message.partial').waitFor()
    const before = await page.locator('.event.agent_message .text').textContent()
    await page.reload()
    await online(page)
    await page.locator('[data-type=prompt_complete]').waitFor()
    const shown = await showsExactlyTheStoredEvents(page, token, sessionId)
    const answer = shown.find((e) => e.type === 'agent_message').text
    check(answer === `Echo: ${words}`, `answer: ${answer}`)
    check(before.length > 0 && before.length < answer.length, `reloaded mid-answer: ${before.length} of ${answer.length}`)
    return { events: shown.length, before: before.length }
  },

  /** The connection is cut while the agent streams and comes back: every event once. */
  async 'network-cut' () {
    const page = await newPage()
    let cut = false
    const open = new Set()
    await page.routeWebSocket(/\/ws$/, (ws) => {
      if (cut) {
        ws.close({ code: 4000, reason: 'network down' })
        return
      }
      ws.connectToServer()
      open.add(ws)
    })
    const token = await signIn(page, unique('cut'))
    const sessionId = await create(page, 'session', 'Cut')
    const words = 'nothing lost nothing doubled '.repeat(6).trim()
    await prompt(page, `/chunks 80 /delay 60 ${words}`)
    await page.locator('.event.agent_message.partial').waitFor()
    cut = true
    for (const ws of open) await ws.close({ code: 4000, reason: 'network down' })
    open.clear()
    await page.locator('[data-testid=connection][data-state=reconnecting]').waitFor()
    // the agent streams on while this page is away: come back only once it finished
    await until(async () => !(await rest(token, 'GET', `sessions/${sessionId}`)).is_prompting)
    cut = false
    await online(page)
    await page.locator('[data-type=prompt_complete]').waitFor()
    const shown = await showsExactlyTheStoredEvents(page, token, sessionId)
    check(shown.find((e) => e.type === 'agent_message').text === `Echo: ${words}`, 'the whole answer')
    // a prompt typed while offline is sent after the reconnect, once
    cut = true
    for (const ws of open) await ws.close({ code: 4000, reason: 'network down' })
    open.clear()
    await page.locator('[data-testid=connection][data-state=reconnecting]').waitFor()
    await prompt(page, 'typed while offline')
    cut = false
    await online(page)
    await page.locator('.event.user_prompt', { hasText: 'typed while offline' }).waitFor()
    await page.locator('[data-type=prompt_complete]').nth(1).waitFor()
    const after = await showsExactlyTheStoredEvents(page, token, sessionId)
    check(after.filter((e) => e.type === 'user_prompt').length === 2, 'the offline prompt once')
    return { events: after.length }
  },

  /** Two writers converge, and a reader sees the note but cannot change it. */
  async note () {
    const [owner, writer, reader] = [unique('owner'), unique('writer'), unique('reader')]
    const a = await newPage()
    const b = await newPage()
    const c = await newPage()
    await signIn(a, owner)
    const noteId = await create(a, 'note', 'Plan')
    await a.getByTestId('share-user').fill(writer)
    await a.getByTestId('share-level').selectOption('write')
    await a.getByRole('button', { name: 'Share' }).click()
    await a.getByTestId('share-done').getByText(writer).waitFor()
    await a.getByTestId('share-user').fill(reader)
    await a.getByTestId('share-level').selectOption('read')
    await a.getByRole('button', { name: 'Share' }).click()
    await a.getByTestId('share-done').getByText(reader).waitFor()
    for (const [page, user] of [[b, writer], [c, reader]]) {
      await signIn(page, user)
      await page.goto(`${base}#/note/${noteId}`)
      await page.locator('[data-testid=editor] .cm-content').waitFor()
    }
    const editor = (page) => page.locator('[data-testid=editor] .cm-content')
    await editor(a).click()
    await a.keyboard.type('Hello from A.', { delay: 15 })
    await editor(b).getByText('Hello from A.').waitFor()
    await editor(b).click()
    await b.keyboard.press('Control+End')
    await b.keyboard.type(' And from B.', { delay: 15 })
    await a.keyboard.type(' A again.', { delay: 15 })
    const text = (page) => page.evaluate(documentText)
    // every keystroke reaches every editor: all three show the same text, with both writers' ends
    let texts = []
    await until(async () => {
      texts = [await text(a), await text(b), await text(c)]
      return texts.every((t) => t === texts[0]) && texts[0].includes('A again.') && texts[0].includes('And from B.')
    }).catch(() => { throw new Error(`not converged: ${JSON.stringify(texts)}`) })
    const ta = texts[0]
    await c.getByTestId('read-only').waitFor()
    check(await editor(c).getAttribute('contenteditable') === 'false', 'the reader cannot type')
    await editor(c).click({ force: true })
    await c.keyboard.type('reader was here')
    // an edit by the owner after the reader typed reaches the reader: by then the reader's typing
    // would have shown, in the reader's editor or in the owner's
    await editor(a).click()
    await a.keyboard.press('Control+End')
    await a.keyboard.type(' Last.', { delay: 15 })
    await until(async () => (await text(c)).endsWith('Last.'))
    check(!(await text(c)).includes('reader was here'), 'nothing typed in the reader')
    check(!(await text(a)).includes('reader was here'), 'nothing reached the others')
    await a.locator('.cm-ySelectionCaret').first().waitFor({ state: 'attached' }) // others' cursors
    await a.getByTestId('note-members').getByText(writer).waitFor()
    return { text: ta }
  },

  /**
   * An admin finds a signed-in user on the admin page and disconnects them (the user's page
   * reconnects), then deletes them (the page is signed out).
   */
  async admin () {
    const user = unique('usr')
    const userPage = await newPage()
    await signIn(userPage, user)
    const states = []
    await userPage.exposeFunction('recordState', (state) => states.push(state))
    await userPage.evaluate(() => new MutationObserver(() => window.recordState(document.querySelector('[data-testid=connection]')?.dataset.state))
      .observe(document.querySelector('[data-testid=connection]'), { attributes: true }))

    const adminPage = await newPage()
    await adminPage.goto(new URL('admin/', base).href)
    await adminPage.getByTestId('username').fill(unique('root'))
    await adminPage.getByRole('button', { name: 'Sign in' }).click()
    const row = adminPage.locator(`[data-testid=users] tr[data-user="${user}"]`)
    await row.waitFor()
    check((await row.textContent()).includes(user), 'the user is listed')
    await adminPage.getByTestId(`disconnect-${user}`).click()
    await adminPage.getByTestId('notice').getByText(`user.disconnect ${user}: 1 connections closed`).waitFor()
    await until(() => states.includes('reconnecting'))
    await online(userPage)
    await adminPage.getByTestId('audit').getByText('user.disconnect').first().waitFor()
    // deleting the user closes their page's connection for good (4401): the page signs out
    adminPage.once('dialog', (dialog) => dialog.accept())
    await adminPage.getByTestId(`delete-${user}`).click()
    await adminPage.getByTestId('notice').getByText(`user.delete ${user}: deleted; tokens refused`).waitFor()
    await userPage.getByTestId('sign-in-error').getByText('The server refused your sign-in').waitFor()
    return { states }
  },

  /** A new deployment: the open page reloads itself. The test restarts the server at READY. */
  async deployment () {
    const page = await newPage()
    await signIn(page, unique('deploy'))
    await page.evaluate(() => { window.loadedBefore = true })
    const reloaded = page.waitForEvent('load', { timeout: 240_000 })
    console.log('READY')
    await reloaded
    await online(page)
    check(await page.evaluate(() => window.loadedBefore === undefined), 'a fresh page')
    return { reloaded: true }
  }
}

try {
  if (!scenarios[scenario]) throw new Error(`no scenario ${scenario}`)
  const facts = await scenarios[scenario]()
  console.log(JSON.stringify({ ok: true, ...facts }))
} catch (error) {
  await mkdir(shots, { recursive: true })
  const saved = []
  for (const [index, page] of pages.entries()) {
    const path = `${shots}/${scenario}-${index + 1}.png`
    await page.screenshot({ path, fullPage: true }).then(() => saved.push(path), () => {})
  }
  console.log(JSON.stringify({ ok: false, error: String(error.stack || error), screenshots: saved }))
} finally {
  await browser.close()
}
