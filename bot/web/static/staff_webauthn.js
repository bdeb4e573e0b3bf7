// Security keys and passkeys on the staff second-factor pages (WebAuthn). Without this script, or in a browser
// without WebAuthn, the buttons stay hidden and codes from the app still work.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) { return; }

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrf() {
    var field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf()},
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) { data.status = response.status; return data; });
    });
  }

  function credentialJSON(credential) {
    var r = credential.response, out = {id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      response: {clientDataJSON: toText(r.clientDataJSON)}, clientExtensionResults: {}};
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      if (r.getTransports) { out.response.transports = r.getTransports(); }
    } else {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      if (r.userHandle) { out.response.userHandle = toText(r.userHandle); }
    }
    return out;
  }

  function say(box, text) {
    var status = box.querySelector(".key-status");
    status.textContent = text;
  }

  var NOT_DONE = "Your security key did not answer, or you stopped. Try again, or use a code from your app.";

  // signing in: navigator.credentials.get()
  var signIn = document.getElementById("security-key");
  if (signIn) {
    signIn.hidden = false;
    signIn.querySelector("button").addEventListener("click", function () {
      say(signIn, "Follow the steps from your browser: touch your key, or use your passkey.");
      post(signIn.dataset.options).then(function (options) {
        if (options.status !== 200) { throw new Error(options.error || NOT_DONE); }
        options.challenge = toBytes(options.challenge);
        (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
        return navigator.credentials.get({publicKey: options});
      }).then(function (credential) {
        return post(signIn.dataset.submit, {credential: credentialJSON(credential), next: signIn.dataset.next});
      }).then(function (result) {
        if (result.status !== 200) { throw new Error(result.error || NOT_DONE); }
        window.location.assign(result.next);
      }).catch(function (error) {
        say(signIn, error && error.message && error.name === "Error" ? error.message : NOT_DONE);
      });
    });
  }

  // adding a key: navigator.credentials.create()
  var add = document.getElementById("add-security-key");
  if (add) {
    add.hidden = false;
    add.querySelector("button").addEventListener("click", function () {
      say(add, "Follow the steps from your browser: insert and touch your key, or make a passkey.");
      post(add.dataset.options).then(function (options) {
        if (options.status !== 200) { throw new Error(options.error || NOT_DONE); }
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
        return navigator.credentials.create({publicKey: options});
      }).then(function (credential) {
        var label = document.getElementById("key-label");
        return post(add.dataset.submit, {credential: credentialJSON(credential), label: label ? label.value : ""});
      }).then(function (result) {
        if (result.status !== 200) { throw new Error(result.error || NOT_DONE); }
        window.location.assign(result.next);
      }).catch(function (error) {
        say(add, error && error.message && error.name === "Error" ? error.message : NOT_DONE);
      });
    });
  }
}());
