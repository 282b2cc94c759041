// Calls the SSR Guard backend from a Nuxt/Nitro (h3) server route with the browser's session,
// and hands the backend's Set-Cookie headers back to the browser.
//
// docs/csrf.md shows backendFetch as the code to copy; the container tests (RefreshRotationIT)
// run this file on embedded Node.js against the deployed sample.

export async function backendFetch(event, backendOrigin, path, init = {}) {
  const browser = event.node.req.headers;
  const response = await fetch(new URL(path, backendOrigin), {
    ...init,
    redirect: 'manual',
    headers: {
      ...init.headers,
      cookie: browser.cookie ?? '',                 // the browser's session, if any
      'user-agent': browser['user-agent'] ?? '',    // CSRF and SSR tokens are bound to it
    },
  });
  // An expired access token makes the backend refresh the session inline: it answers with a
  // new access token and a NEW refresh token. The browser must get them, or its next refresh
  // presents the old token after the grace window, which the pack treats as theft (reuse)
  // and ends the session.
  for (const setCookie of response.headers.getSetCookie()) {
    event.node.res.appendHeader('set-cookie', setCookie);
  }
  return response;
}
