/** The REST API under api/, with the signed-in user's token. */
export class ApiError extends Error {
  constructor (status, message) {
    super(message)
    this.status = status
  }
}

export class Api {
  constructor (token, onSignedOut, base = 'api/') {
    this.token = token
    this.onSignedOut = onSignedOut
    this.base = base
  }

  async request (method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}` }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (response.status === 401) {
      this.onSignedOut()
      throw new ApiError(401, 'Your sign-in expired.')
    }
    if (!response.ok) throw new ApiError(response.status, await messageOf(response))
    return response.status === 204 ? null : response.json()
  }

  get (path) { return this.request('GET', path) }
  post (path, body = {}) { return this.request('POST', path, body) }
  patch (path, body) { return this.request('PATCH', path, body) }
  put (path, body) { return this.request('PUT', path, body) }
  delete (path) { return this.request('DELETE', path) }
}

async function messageOf (response) {
  try {
    const body = await response.json()
    return body.message || response.statusText
  } catch {
    return `${response.status} ${response.statusText}`
  }
}

/** Development sign-in: a token for any user name (404 when the server has it off). */
export async function devToken (username, { admin = false, base = 'api/' } = {}) {
  const response = await fetch(`${base}auth/dev-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, admin })
  })
  if (response.status === 404) throw new ApiError(404, 'Development sign-in is off on this server: paste a token from your identity provider.')
  if (!response.ok) throw new ApiError(response.status, await messageOf(response))
  return (await response.json()).token
}
