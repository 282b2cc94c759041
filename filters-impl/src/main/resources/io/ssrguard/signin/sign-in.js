// SSR Guard sign-in page: "Sign in with a passkey". A static file loaded with the page's CSP nonce
// (no inline script, no inline handler); what it needs comes from the button's data attributes.
(function () {
  'use strict';
  var button = document.getElementById('passkey-sign-in');
  var error = document.getElementById('passkey-error');
  if (!button) {
    return;
  }
  if (!window.PublicKeyCredential || typeof PublicKeyCredential.parseRequestOptionsFromJSON !== 'function') {
    // No WebAuthn JSON support in this browser: the password (or provider) stays the way in.
    button.hidden = true;
    return;
  }
  function fail(text) {
    error.textContent = text;
    error.hidden = false;
    button.disabled = false;
  }
  function post(path, body) {
    var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    if (button.dataset.csrf) {
      headers['X-XSRF-TOKEN'] = button.dataset.csrf;
    }
    return fetch(path, {method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body)});
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    error.hidden = true;
    post(button.dataset.options, {}).then(function (options) {
      if (!options.ok) {
        throw new Error('options ' + options.status);
      }
      return options.json();
    }).then(function (options) {
      return navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
    }).then(function (credential) {
      return post(button.dataset.signIn, {credential: credential.toJSON()});
    }).then(function (answer) {
      if (answer.ok) {
        window.location.assign(button.dataset.returnTo);
      } else {
        fail('That passkey was not accepted. Try again, or sign in another way.');
      }
    }).catch(function () {
      fail('Passkey sign-in was cancelled or is not available on this device.');
    });
  });
})();
