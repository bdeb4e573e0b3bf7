// IMSA Voices chat page. Plain ES5 so it runs on old phones; no libraries.
// Safety rules kept everywhere below:
// - every text is shown with textContent / text nodes, never as HTML;
// - nothing is written to cookies, localStorage or sessionStorage; the
//   conversation lives only in this page's memory;
// - no request leaves this site.
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var hooks = { exit: [], focusFirst: null };
  var STARTING = "the chat service is starting"; // the page's answer while Rasa loads (bot/web/app.py)

  // ------------------------------------------------------------------
  // Inside a partner's page (embed.js opened this page with ?embed=1): messages go to, and are taken
  // from, that page only, and only when its origin is one the server invites (IMSA_EMBED_ORIGINS).
  var invited = (root.getAttribute("data-embed-origins") || "").split(" ");
  var embedded = root.getAttribute("data-embed") === "1" && window.parent !== window;
  var host = null; // the partner page's origin, once it has said hello
  function toHost(type) { if (host) { window.parent.postMessage({ imsa: type }, host); } }
  function focusLast() {
    var all = doc.querySelectorAll("a[href], button, select, textarea");
    for (var i = all.length - 1; i >= 0; i--) {
      if (all[i].offsetParent !== null) { all[i].focus(); return; }
    }
  }
  if (embedded) {
    window.addEventListener("message", function (event) {
      var message = event.data;
      if (event.source !== window.parent || !event.origin || invited.indexOf(event.origin) < 0) { return; }
      if (!message || typeof message !== "object") { return; }
      if (message.imsa === "hello") { host = event.origin; toHost("ready"); return; }
      if (event.origin !== host) { return; }
      if (message.imsa === "open") { (hooks.focusFirst || function () { $("exit").focus(); })(); }
      else if (message.imsa === "focus-last") { focusLast(); }
    });
    // Escape closes the partner's panel; three times, it leaves the partner's page
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.isComposing) { toHost("escape"); }
    }, true);
  }
  function forgetStorage() {
    try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (e) { /* none to clear */ }
  }

  function $(id) { return doc.getElementById(id); }
  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // ------------------------------------------------------------------
  // Exit this page (GOV.UK Design System pattern): the button, the skip
  // link that reaches it, and Shift pressed 3 times.
  var exitLink = $("exit");
  var exitBar = $("exit-bar");
  var exitStatus = $("exit-status");
  var exitLights = $("exit-lights");
  var exiting = false;
  var presses = 0;
  var lastKeyWasModified = false;
  var pressTimer = null;
  var messageTimer = null;
  var LAPSE_MS = 5000;

  function exitText(name) { return exitBar.getAttribute("data-" + name) || ""; }

  function showLights() {
    if (!exitLights) { return; }
    exitLights.className = presses > 0 ? "exit-lights on" : "exit-lights";
    var lights = exitLights.children;
    for (var i = 0; i < lights.length; i++) { lights[i].className = i < presses ? "lit" : ""; }
  }

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    if (exiting) { return; }
    exiting = true;
    for (var i = 0; i < hooks.exit.length; i++) {
      try { hooks.exit[i](); } catch (e) { /* leave anyway */ }
    }
    exitStatus.textContent = "";
    doc.body.classList.add("exiting");
    var overlay = el("div", "exit-overlay");
    overlay.setAttribute("role", "alert");
    doc.body.appendChild(overlay);
    overlay.textContent = exitText("loading");
    forgetStorage();
    if (embedded && host) {
      toHost("exit"); // the partner's page removes this frame, then replaces itself with the exit address
      return;
    }
    if (window.top !== window) {
      // framed without embed.js: lead the whole window away if the framing page allows it
      try { window.top.location.replace(exitLink.href); } catch (e) { /* not allowed */ }
      // still here after a moment: the framing page forbids it, so the chat is cleared and says so
      window.setTimeout(function () { overlay.textContent = exitText("cleared"); }, 1000);
      return;
    }
    // replace(): the chat page does not stay in the back-button history.
    window.location.replace(exitLink.href);
  }

  function lapse() {
    if (pressTimer) { window.clearTimeout(pressTimer); pressTimer = null; }
    presses = 0;
    exitStatus.textContent = exitText("expired");
    messageTimer = window.setTimeout(function () { exitStatus.textContent = ""; }, LAPSE_MS);
    showLights();
  }

  if (exitLink && exitBar) {
    exitLink.addEventListener("click", exitPage);
    var skip = $("exit-skip");
    if (skip) {
      skip.addEventListener("click", function (event) {
        event.preventDefault(); // no #exit entry in the history
        exitLink.focus();
      });
    }
    doc.addEventListener("keyup", function (event) {
      if (event.key === "Shift" && !lastKeyWasModified) {
        presses += 1;
        showLights();
        if (messageTimer) { window.clearTimeout(messageTimer); messageTimer = null; }
        if (presses >= 3) {
          presses = 0;
          if (pressTimer) { window.clearTimeout(pressTimer); pressTimer = null; }
          exitPage();
        } else {
          exitStatus.textContent = exitText(presses === 1 ? "press-2" : "press-1");
          if (pressTimer) { window.clearTimeout(pressTimer); }
          pressTimer = window.setTimeout(lapse, LAPSE_MS);
        }
      } else if (event.key !== "Shift" && pressTimer) {
        lapse(); // any other key in between starts the count again
      }
      lastKeyWasModified = event.shiftKey;
    }, true);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && exiting) { window.location.replace(exitLink.href); }
    });
  }

  // ------------------------------------------------------------------
  // The chat (only on the chat page)
  var log = $("log");
  if (!log) { return; }
  var replies = $("replies");
  var form = $("send");
  var input = $("message");
  var notice = $("notice");
  var progress = $("progress");
  var chatView = $("chat-view");
  var panel = $("panel");

  var texts = {};
  var english = {};
  var lang = root.lang || "en";
  var languages = [];
  var recorded = {}; // {fnv1a(message text): file under /audio/<lang>/}: a human voice for today's wording
  var progressPattern = null;
  var chain = Promise.resolve();
  var pendingFocus = null;

  hooks.focusFirst = function () {
    // as after a reply: the first choice, or the answer box at a question
    var choice = replies.querySelector(".choices button");
    if (choice) { choice.focus(); } else { input.focus(); }
    if (!log.querySelector(".msg")) { pendingFocus = "replies"; } // the first choices are on their way
  };
  if (embedded) {
    var workerItem = $("worker-link").parentNode; // support workers make hand-over links on the chat's own site
    workerItem.parentNode.removeChild(workerItem);
    // the partner's page was left or the frame removed: the chat's server forgets the conversation
    window.addEventListener("pagehide", function () {
      if (sender && navigator.sendBeacon) { navigator.sendBeacon("/exit", new Blob([sender], { type: "text/plain" })); }
    });
  }

  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  var sender = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");

  // A text shown in English inside another language says so (lang="en"), so it is read with the right voice.
  function mark(node, key) {
    if (english[key]) {
      node.setAttribute("lang", "en");
      node.setAttribute("dir", "auto"); // English punctuation stays in place inside a right-to-left page
    } else {
      node.removeAttribute("lang");
      node.removeAttribute("dir");
    }
    return node;
  }

  function t(key, params) {
    var s = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : "";
    if (params) {
      s = s.replace(/\{(\w+)\}/g, function (m, name) { return params.hasOwnProperty(name) ? String(params[name]) : m; });
    }
    return s;
  }

  // Numbers, phone numbers and codes keep their left-to-right order inside
  // right-to-left text: each one is wrapped in <bdi dir="ltr">.
  var ISOLATE = /([A-Z2-9]{4}-[A-Z2-9]{4}|\+?[0-9\u0660-\u0669\u06F0-\u06F9](?:[0-9\u0660-\u0669\u06F0-\u06F9 ()\-]*[0-9\u0660-\u0669\u06F0-\u06F9])?)/;
  function appendText(parent, text) {
    var parts = String(text).split(ISOLATE);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) { continue; }
      if (i % 2 === 1) {
        var iso = el("bdi", "", parts[i]);
        iso.setAttribute("dir", "ltr");
        parent.appendChild(iso);
      } else {
        parent.appendChild(doc.createTextNode(parts[i]));
      }
    }
    return parent;
  }

  function patternFrom(template) {
    var escaped = String(template).replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    // numbers may come wrapped in Unicode isolates (U+2066-U+2069) for right-to-left languages
    return new RegExp("^" + escaped.replace(/\{\w+\}/g, "[\\u2066-\\u2069]*[0-9\\u0660-\\u0669\\u06F0-\\u06F9]+[\\u2066-\\u2069]*") + "$");
  }

  // ---------------------------------------------------------- language
  function applyLanguage(data) {
    texts = data.texts || {};
    english = {};
    for (var e = 0; e < (data.english || []).length; e++) { english[data.english[e]] = true; }
    lang = data.lang;
    languages = data.languages || [];
    recorded = data.recordings || {};
    progressPattern = patternFrom(data.progress || "");
    root.lang = lang;
    root.dir = data.dir;
    log.dir = data.dir;
    replies.dir = data.dir;
    var labelled = doc.querySelectorAll("[data-t]");
    for (var i = 0; i < labelled.length; i++) {
      var key = labelled[i].getAttribute("data-t");
      if (texts[key] && labelled[i].tagName !== "TITLE") { labelled[i].textContent = texts[key]; mark(labelled[i], key); }
      else if (texts[key]) { labelled[i].textContent = texts[key]; }
    }
    var named = doc.querySelectorAll("[data-t-label]");
    for (var j = 0; j < named.length; j++) {
      named[j].setAttribute("aria-label", t(named[j].getAttribute("data-t-label")));
    }
    exitBar.setAttribute("data-press-2", t("widget.exit.press_2"));
    exitBar.setAttribute("data-press-1", t("widget.exit.press_1"));
    exitBar.setAttribute("data-expired", t("widget.exit.expired"));
    exitBar.setAttribute("data-loading", t("widget.exit.loading"));
    exitBar.setAttribute("data-cleared", t("widget.embed.cleared"));
    var links = doc.querySelectorAll("a[data-panel]");
    for (var k = 0; k < links.length; k++) {
      links[k].setAttribute("href", "/" + links[k].getAttribute("data-panel") + "/" + lang);
    }
    showSize();
  }

  function loadLanguage(code) {
    return fetch("/i18n/" + encodeURIComponent(code) + ".json", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("texts " + r.status); } return r.json(); })
      .then(applyLanguage);
  }

  function isLanguage(code) {
    for (var i = 0; i < languages.length; i++) { if (languages[i].code === code) { return true; } }
    return false;
  }

  // ---------------------------------------------------------- read aloud
  var VOICE_LANG = { prs: "fa", zh: "zh" };
  function synth() { return "speechSynthesis" in window ? window.speechSynthesis : null; }
  function voiceFor(code) {
    var s = synth();
    if (!s) { return null; }
    var want = (VOICE_LANG[code] || code).toLowerCase();
    var voices = s.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (String(voices[i].lang).toLowerCase().replace("_", "-").split("-")[0] === want) { return voices[i]; }
    }
    return null;
  }
  // FNV-1a over UTF-16 code units, as bot/recordings.py computes it: the recording of a message is found by its
  // text, so the page never downloads the texts of recordings nor any audio until Read aloud is pressed.
  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = (h + ((h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24))) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function recordingFor(text, code) {
    var name = recorded[fnv1a(String(text))];
    return name ? "/audio/" + encodeURIComponent(code) + "/" + name : null;
  }
  var player = null;
  function stopSpeaking() {
    var s = synth();
    if (s) { s.cancel(); }
    if (player) { player.pause(); }
  }
  function speak(text, box, code) {
    var voice = voiceFor(code);
    if (!voice) {
      if (!box.querySelector(".say-note")) { box.appendChild(mark(el("p", "say-note", t("widget.no_voice")), "widget.no_voice")); }
      return;
    }
    var s = synth();
    stopSpeaking();
    var spoken = new window.SpeechSynthesisUtterance(text);
    spoken.voice = voice;
    spoken.lang = voice.lang;
    s.speak(spoken);
    showNotice(mark(el("p", "", t("widget.reading")), "widget.reading"));
    spoken.onend = function () { showNotice(null); };
  }
  function play(url, text, box, code) {
    stopSpeaking();
    if (!player) {
      player = el("audio", "");
      player.id = "voice";
      player.hidden = true;
      player.preload = "none";
      doc.body.appendChild(player);
      player.addEventListener("ended", function () { showNotice(null); });
    }
    player.onerror = function () {
      showNotice(null);
      if (voiceFor(code)) { speak(text, box, code); return; } // the phone's own voice, then
      if (!box.querySelector(".say-note")) { box.appendChild(mark(el("p", "say-note", t("widget.audio_failed")), "widget.audio_failed")); }
    };
    player.src = url; // fetched now, not before: the page's first load carries no audio
    showNotice(mark(el("p", "", t("widget.reading")), "widget.reading"));
    var started = player.play();
    if (started && started["catch"]) { started["catch"](function () { /* onerror says why */ }); }
  }
  function readAloud(text, box, code, url) {
    if (url) { play(url, text, box, code); return; }
    speak(text, box, code);
  }
  // Read aloud is offered only where it can work: a recording of this wording, or the phone's voice for the
  // language. Voices can arrive after the messages (voiceschanged): the buttons are added then.
  function addSay(box, text, code) {
    if (box.querySelector("button.say")) { return; }
    var url = recordingFor(text, code);
    if (!url && !voiceFor(code)) { box.sayLater = [text, code]; return; }
    box.sayLater = null;
    var say = mark(el("button", "say small", t("widget.read_aloud")), "widget.read_aloud");
    say.type = "button";
    say.addEventListener("click", function () { readAloud(text, box, code, url); });
    var after = box.querySelector("p.say");
    box.insertBefore(say, after);
  }
  function addLateSay() {
    var boxes = log.querySelectorAll(".msg.bot");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].sayLater) { addSay(boxes[i], boxes[i].sayLater[0], boxes[i].sayLater[1]); }
    }
  }
  if (synth()) {
    try { synth().addEventListener("voiceschanged", addLateSay); } catch (e) { /* no voices */ }
  }
  hooks.exit.push(stopSpeaking);

  // ---------------------------------------------------------- messages
  function scrollTo(node) {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (node.scrollIntoView) { node.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" }); }
  }

  function addYou(text) {
    var box = el("div", "msg you");
    box.appendChild(mark(el("span", "vh", t("widget.you_said") + " "), "widget.you_said"));
    var p = el("p");
    p.setAttribute("dir", "auto");
    appendText(p, text);
    box.appendChild(p);
    log.appendChild(box);
    return box;
  }

  function addBot(text) {
    if (progressPattern && progressPattern.test(text)) {
      progress.textContent = "";
      progress.appendChild(mark(el("span", "vh", t("widget.progress.label") + " "), "widget.progress.label"));
      appendText(progress, text);
      progress.hidden = false;
      var step = el("div", "msg step");
      step.lang = lang;
      appendText(step.appendChild(el("p")), text);
      log.appendChild(step);
      return step;
    }
    var box = el("div", "msg bot");
    box.lang = lang;
    appendText(box.appendChild(el("p")), text);
    addSay(box, text, lang);
    if (text === t("consent.question")) {
      var more = el("p", "say");
      var link = mark(el("a", "", t("widget.privacy.link")), "widget.privacy.link");
      link.href = "/privacy/" + lang;
      link.setAttribute("data-panel", "privacy");
      more.appendChild(link);
      box.appendChild(more);
    }
    log.appendChild(box);
    return box;
  }

  function clearReplies() { replies.textContent = ""; }

  function group(kind, labelKey, buttons) {
    var id = "group-" + kind;
    var wrap = el("div", "group " + kind);
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-labelledby", id);
    var label = mark(el("p", "group-label", t(labelKey)), labelKey);
    label.id = id;
    wrap.appendChild(label);
    for (var i = 0; i < buttons.length; i++) { wrap.appendChild(replyButton(buttons[i])); }
    return wrap;
  }

  function replyButton(b) {
    var button = el("button", "", "");
    button.type = "button";
    appendText(button, String(b.title || ""));
    button.addEventListener("click", function () { tap(b); });
    return button;
  }

  var sticky = null; // a notice that stays until the person does something

  function showNotice(node) {
    notice.textContent = "";
    if (sticky) { notice.appendChild(sticky); }
    if (node) { notice.appendChild(node); }
  }

  function showReply(messages) {
    showNotice(null);
    var choices = [];
    var controls = [];
    var first = null;
    var shown = 0;
    for (var i = 0; i < messages.length; i++) {
      var m = messages[i] || {};
      if (m.custom && m.custom.imsa === "language") {
        // the bot changed language (a typed language name, a confirmed suggestion, a resume code):
        // the page's own labels follow it
        if (isLanguage(m.custom.lang) && m.custom.lang !== lang) { switchLanguage(m.custom.lang); }
        continue;
      }
      shown++;
      var node = addBot(typeof m.text === "string" ? m.text : "");
      if (!first) { first = node; }
      var buttons = Array.isArray(m.buttons) ? m.buttons : [];
      for (var j = 0; j < buttons.length; j++) {
        var b = buttons[j] || {};
        if (typeof b.payload !== "string") { continue; }
        if (b.payload.indexOf("/choose") === 0 || b.payload === "/resume") { choices.push(b); } else { controls.push(b); }
      }
    }
    clearReplies();
    if (shown && !choices.length && !controls.length) {
      // the chat has ended: offer to start again (nothing is asked automatically); a kiosk clears itself
      progress.textContent = t("widget.ended");
      progress.hidden = false;
      choices.push(kiosk ? { title: t("widget.kiosk.clear"), clear: true } : { title: t("end.restart"), payload: "/greet" });
    }
    if (choices.length) { replies.appendChild(group("choices", "widget.choices.label", choices)); }
    if (controls.length) { replies.appendChild(group("controls", "widget.controls.label", controls)); }
    if (first) { scrollTo(first); }
    if (pendingFocus === "replies") {
      var target = replies.querySelector(".choices button") || input;
      target.focus();
    }
    pendingFocus = null;
  }

  function post(message) {
    return fetch("/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message, lang: lang }),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (r) {
      if (!r.ok) {
        var error = new Error("chat " + r.status);
        error.status = r.status;
        return r.json().then(function (body) { error.starting = body && body.error === STARTING; throw error; },
                            function () { throw error; });
      }
      return r.json();
    });
  }

  function failed(message, extra, status, starting) {
    var box = el("div", "notice-box");
    // 429: too many messages from this network; starting: the server is still loading (just after a start);
    // anything else: the chat is not working just now
    var key = status === 429 ? "widget.error.busy" : (starting ? "widget.error.starting" : "widget.error.offline");
    box.appendChild(el("p", "", t(key)));
    var again = el("button", "primary", t("widget.error.retry"));
    again.type = "button";
    again.addEventListener("click", function () { pendingFocus = "replies"; send(message, extra); });
    box.appendChild(again);
    showNotice(box);
  }

  function send(message, extra) {
    var waiting = window.setTimeout(function () { showNotice(el("p", "", t("widget.wait"))); }, 1200);
    chain = chain.then(function () {
      return Promise.all([post(message), extra || null]).then(function (results) {
        window.clearTimeout(waiting);
        if (sender) { showReply(Array.isArray(results[0]) ? results[0] : []); }
      }, function (error) {
        window.clearTimeout(waiting);
        if (sender) { failed(message, extra, error && error.status, error && error.starting); }
      });
    });
    return chain;
  }

  function tap(b) {
    if (b.clear) { kioskClear(); return; }
    sticky = null;
    clearReplies();
    addYou(String(b.title || ""));
    pendingFocus = "replies";
    var extra = null;
    // a language chosen from the bot's own menus (welcome, suggestion, "change language")
    var chosen = /^\/(?:choose\{"choice"|set_language\{"language"):"([a-z]{2,3})"\}$/.exec(b.payload);
    if (chosen && isLanguage(chosen[1])) {
      extra = switchLanguage(chosen[1]);
    }
    send(b.payload, extra);
  }

  function switchLanguage(code) {
    $("language").value = code;
    return loadLanguage(code).catch(function () { /* keep the current texts */ });
  }

  // The page's own language menu: any time, from any step; answers and place are kept.
  $("language-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var select = $("language");
    var code = select.value;
    if (!isLanguage(code) || code === lang) { return; }
    sticky = null;
    clearReplies();
    addYou(select.options[select.selectedIndex].text).lastChild.setAttribute("lang", code);
    pendingFocus = "replies";
    send('/set_language{"language":"' + code + '"}', switchLanguage(code));
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    sticky = null;
    addYou(text);
    pendingFocus = null; // focus stays in the box
    input.focus();
    send(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit", { cancelable: true })); }
    }
  });

  // ---------------------------------------------------------- settings
  var SIZES = [100, 125, 150, 175, 200];
  var size = 0;
  function showSize() {
    for (var i = 1; i < SIZES.length; i++) { root.classList.toggle("size-" + SIZES[i], i === size); }
    $("text-size").textContent = t("widget.text_size_now", { size: SIZES[size] });
  }
  $("text-bigger").addEventListener("click", function () { size = Math.min(size + 1, SIZES.length - 1); showSize(); });
  $("text-smaller").addEventListener("click", function () { size = Math.max(size - 1, 0); showSize(); });
  var contrast = $("contrast");
  function setContrast(on) {
    root.classList.toggle("hc", on);
    contrast.setAttribute("aria-pressed", on ? "true" : "false");
  }
  contrast.addEventListener("click", function () { setContrast(!root.classList.contains("hc")); });
  if (window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches) { setContrast(true); }

  // ---------------------------------------------------------- safety and privacy, in the page
  // Shown in place (no navigation) so the conversation is not lost.
  var SAFETY = ["safety.exit", "safety.shift", "safety.where", "safety.memory", "safety.cannot",
    "safety.private", "safety.private_how", "safety.shared", "help.danger"];
  var PRIVACY = ["who", "why", "what", "how_long", "withdraw", "contact"];
  var opener = null;
  function showPanel(kind, from) {
    var body = $("panel-body");
    body.textContent = "";
    var title = $("panel-title");
    if (kind === "safety") {
      title.textContent = t("safety.title");
      for (var i = 0; i < SAFETY.length; i++) { appendText(body.appendChild(el("p")), t(SAFETY[i])); }
    } else {
      title.textContent = t("privacy.title");
      for (var j = 0; j < PRIVACY.length; j++) {
        body.appendChild(el("h2", "", t("privacy." + PRIVACY[j] + ".title")));
        appendText(body.appendChild(el("p")), t("privacy." + PRIVACY[j]));
      }
      if (texts["privacy.contact_detail"]) { appendText(body.appendChild(el("p")), t("privacy.contact_detail")); }
    }
    opener = from;
    chatView.hidden = true;
    panel.hidden = false;
    title.focus();
  }
  $("panel-back").addEventListener("click", function () {
    panel.hidden = true;
    chatView.hidden = false;
    (opener && !opener.hidden && doc.contains(opener) ? opener : input).focus();
  });
  doc.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("a[data-panel]") : null;
    if (target && texts["safety.title"]) {
      event.preventDefault();
      showPanel(target.getAttribute("data-panel"), target);
    }
  });

  // ---------------------------------------------------------- quick exit: forget everything
  hooks.exit.push(function () {
    if (sender && navigator.sendBeacon) {
      navigator.sendBeacon("/exit", new Blob([sender], { type: "text/plain" }));
    }
    sender = null;
    log.textContent = "";
    replies.textContent = "";
    progress.textContent = "";
    input.value = "";
    texts = {};
  });

  // ---------------------------------------------------------- kiosk (?kiosk=1, or data-kiosk on embed.js)
  // A shared screen in a hostel or drop-in: after each conversation, and after a few minutes without
  // input (a gentle warning first), everything is cleared and the next person starts at the beginning.
  var kiosk = root.getAttribute("data-kiosk") === "1";
  var idleMs = 1000 * Number(root.getAttribute("data-kiosk-idle") || 180);
  var warnMs = 1000 * Number(root.getAttribute("data-kiosk-warning") || 30);
  var warnTimer = null;
  var clearTimer = null;
  var warned = false;
  function kioskClear() {
    if (sender && navigator.sendBeacon) { navigator.sendBeacon("/exit", new Blob([sender], { type: "text/plain" })); }
    sender = null;
    forgetStorage();
    log.textContent = "";
    replies.textContent = "";
    // the same address again, as a new visit: a new conversation, nothing of the last one in memory
    window.location.replace(window.location.pathname + window.location.search);
  }
  function kioskWarn() {
    warned = true;
    var box = el("div", "notice-box");
    box.appendChild(mark(el("p", "", t("widget.kiosk.warning", { seconds: Math.round(warnMs / 1000) })), "widget.kiosk.warning"));
    var stay = mark(el("button", "primary", t("widget.kiosk.stay")), "widget.kiosk.stay");
    stay.type = "button";
    stay.id = "kiosk-stay";
    stay.addEventListener("click", function () { showNotice(null); input.focus(); });
    box.appendChild(stay);
    showNotice(box);
    clearTimer = window.setTimeout(kioskClear, warnMs);
  }
  function kioskActive(event) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(clearTimer);
    var onStay = event && event.target && event.target.id === "kiosk-stay";
    if (warned && !onStay) { showNotice(null); } // "I am still here" takes the warning away itself
    warned = false;
    warnTimer = window.setTimeout(kioskWarn, Math.max(idleMs - warnMs, 0));
  }
  if (kiosk) {
    var events = ["keydown", "pointerdown", "input"];
    for (var ev = 0; ev < events.length; ev++) { doc.addEventListener(events[ev], kioskActive, true); }
  }

  // ---------------------------------------------------------- start
  var first = "/greet";
  var setup = []; // messages that set the conversation up before the first one shown
  if (kiosk) { setup.push('/choose{"choice":"kiosk"}'); } // a kiosk's conversation offers no resume codes
  var partner = /^[a-z0-9-]{1,48}$/.exec(root.getAttribute("data-partner") || "");
  if (partner) { setup.push('/choose{"choice":"partner:' + partner[0] + '"}'); } // "reached through" (embed.js)
  var start = /[?&]start=([^&#]+)/.exec(window.location.search);
  if (start) {
    setup.push('/choose{"choice":"preset:' + decodeURIComponent(start[1]).replace(/[^A-Za-z0-9._-]/g, "") + '"}');
    // the link's choices leave the address bar and this history entry at once
    window.history.replaceState(null, "", "/");
  }
  if (setup.length) {
    // the first message only opens the conversation; the kiosk and hand-over choices follow it
    first = setup.pop();
    setup.unshift("/greet");
    var quiet = function (message) { return function () { return post(message).then(function () {}, function () {}); }; };
    for (var m = 0; m < setup.length; m++) { chain = chain.then(quiet(setup[m])); }
  }
  var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var reloaded = navigation && navigation.type === "reload";
  var ready = loadLanguage(lang).catch(function () { /* the page's own labels stay */ });
  ready.then(function () {
    showSize();
    if (reloaded && !kiosk) {
      sticky = el("div", "notice-box");
      sticky.appendChild(el("p", "", t("widget.reloaded")));
      showNotice(null);
    }
  });
  send(first, ready);
})();
