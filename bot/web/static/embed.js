// IMSA Voices on a partner's website, with one tag:
//   <script src="https://VOICES/embed.js" data-language="ti" data-position="right" defer></script>
// A launcher button opens the chat in a frame (a dialog; a full-screen sheet on a phone). Plain ES5,
// no libraries, no request to anyone but the chat's own server, nothing of this page sent to the chat:
// the frame has no referrer and a narrow sandbox, and its address holds only the language and the options.
// Quick exit (the chat's Exit this page, Shift x3 in the chat or on the launcher, Escape x3 on this page)
// removes the frame first, then replaces this page with the exit address.
(function () {
  "use strict";
  var TEXTS = /*TEXTS*/{};
  var ORIGINS = /*ORIGINS*/[];
  var EXIT = /*EXIT*/"";
  var LAPSE_MS = 5000;
  var doc = document;
  var script = doc.currentScript;
  if (!script) {
    var all = doc.querySelectorAll("script[src*='/embed.js']");
    script = all[all.length - 1];
  }
  if (!script || window.imsaVoicesEmbed) { return; }
  window.imsaVoicesEmbed = true;
  var base = new URL(script.src, window.location.href).origin;
  if (ORIGINS.indexOf(window.location.origin) < 0) {
    // the chat refuses to be framed here (frame-ancestors): show nothing rather than a broken panel
    if (window.console) { window.console.warn("IMSA Voices: " + window.location.origin + " is not in IMSA_EMBED_ORIGINS"); }
    return;
  }
  function option(name) { return script.getAttribute("data-" + name); }
  function known(code) {
    code = String(code || "").toLowerCase();
    if (TEXTS[code]) { return code; }
    code = code.split(/[-_]/)[0];
    return TEXTS[code] ? code : null;
  }
  var lang = known(option("language")) || known(doc.documentElement.lang) || "en";
  var T = TEXTS[lang];
  var kiosk = script.hasAttribute("data-kiosk") && option("kiosk") !== "false";
  var hostRtl = window.getComputedStyle(doc.documentElement).direction === "rtl";
  var position = option("position");
  var side = position === "left" || position === "right" ? position : (hostRtl ? "left" : "right");

  var CSS = ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    "[hidden]{display:none!important}" +
    "button{font:700 1.125rem/1.25 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;cursor:pointer;" +
    "min-width:44px;min-height:44px;border-radius:.5rem}" +
    "button:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 7px #0b0c0c}" +
    ".launcher{position:fixed;bottom:1rem;z-index:2147483000;padding:.75rem 1.25rem;color:#fff;background:#1d3d6e;" +
    "border:2px solid #fff;box-shadow:0 2px 8px rgba(0,0,0,.35)}" +
    ".launcher:hover{background:#14294a}" +
    ".right{right:1rem}.left{left:1rem}" +
    ".panel{position:fixed;bottom:5rem;z-index:2147483001;display:flex;flex-direction:column;width:25rem;" +
    "max-width:calc(100vw - 2rem);height:min(42rem,calc(100vh - 6rem));background:#fff;border:1px solid #505a5f;" +
    "border-radius:.5rem;box-shadow:0 4px 16px rgba(0,0,0,.35);overflow:hidden}" +
    ".bar{display:flex;justify-content:space-between;align-items:center;padding:.25rem .25rem .25rem .75rem;background:#f3f2f1;border-bottom:1px solid #b1b4b6}" +
    ".name{font:700 1rem/1.25 system-ui,sans-serif;color:#0b0c0c}" +
    ".close{padding:.25rem 1rem;color:#0b0c0c;background:#fff;border:2px solid #0b0c0c;font-size:1rem}" +
    "iframe{flex:1;width:100%;border:0;background:#fff}" +
    ".blank{position:fixed;inset:0;z-index:2147483002;background:#fff}" +
    "@media (max-width:40em),(max-height:32em){.panel{inset:0;width:auto;max-width:none;height:auto;border:0;border-radius:0}}";

  // Everything lives in a shadow root: the host page's styles cannot reach it, and ours cannot leak out.
  var holder = doc.createElement("div");
  holder.setAttribute("data-imsa-voices", "");
  holder.lang = lang;
  holder.dir = T.dir;
  var root = holder.attachShadow({ mode: "open" });
  try {
    var sheet = new window.CSSStyleSheet();
    sheet.replaceSync(CSS); // a constructed sheet: works under the host page's own CSP, no inline style needed
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    var style = doc.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
  }
  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  var launcher = el("button", "launcher " + side, T.launcher);
  launcher.type = "button";
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-expanded", "false");
  var panel = el("div", "panel " + side);
  panel.id = "imsa-voices-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.setAttribute("aria-label", T.launcher);
  launcher.setAttribute("aria-controls", panel.id);
  // focus stays inside the open dialog: a Tab past either end comes back round
  var before = el("span");
  var after = el("span");
  before.tabIndex = 0;
  after.tabIndex = 0;
  var bar = el("div", "bar");
  bar.appendChild(el("span", "name", T.title));
  var close = el("button", "close", T.close);
  close.type = "button";
  bar.appendChild(close);
  panel.appendChild(before);
  panel.appendChild(bar);
  panel.appendChild(after);
  root.appendChild(launcher);
  root.appendChild(panel);

  var frame = null;
  var exiting = false;

  function tell(type) {
    if (frame && frame.contentWindow) { frame.contentWindow.postMessage({ imsa: type }, base); }
  }

  function makeFrame() {
    frame = el("iframe");
    frame.title = T.title;
    frame.setAttribute("referrerpolicy", "no-referrer");
    // scripts and its own origin (its fetches to its own server) and its forms; no top navigation, popups or downloads
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
    frame.setAttribute("allow", "camera 'none'; microphone 'none'; geolocation 'none'");
    frame.addEventListener("load", function () { tell("hello"); }); // again after a kiosk clears itself
    var partner = option("partner");
    frame.src = base + "/?embed=1&lang=" + encodeURIComponent(lang) + (kiosk ? "&kiosk=1" : "") +
      (partner ? "&partner=" + encodeURIComponent(partner) : "");
    panel.insertBefore(frame, after);
  }

  function open() {
    if (exiting) { return; }
    if (!frame) { makeFrame(); }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    frame.focus();
    tell("open");
  }

  function shut() {
    if (panel.hidden) { return; }
    panel.hidden = true; // the conversation is kept until the page is left
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function quickExit() {
    if (exiting) { return; }
    exiting = true;
    // the frame goes first (its page tells the chat's server to forget the conversation as it unloads)
    if (frame && frame.parentNode) { frame.parentNode.removeChild(frame); }
    frame = null;
    root.textContent = "";
    root.appendChild(el("div", "blank"));
    var quiet = el("meta");
    quiet.name = "referrer";
    quiet.content = "no-referrer"; // the exit address is not told which page the person left
    (doc.head || doc.documentElement).appendChild(quiet);
    try {
      window.top.location.replace(EXIT);
    } catch (e) {
      window.location.replace(EXIT); // this page is itself in a frame that may not lead its window away
    }
  }

  // Escape closes; Escape three times (within 5 s, nothing else pressed) leaves the page.
  var escapes = 0;
  var escapeTimer = null;
  function escape() {
    escapes += 1;
    window.clearTimeout(escapeTimer);
    escapeTimer = window.setTimeout(function () { escapes = 0; }, LAPSE_MS);
    if (escapes >= 3) { quickExit(); return; }
    shut();
  }
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.isComposing) { escape(); } else if (event.key !== "Shift") { escapes = 0; }
  }, true);

  // Shift three times on the launcher, as inside the chat.
  var shifts = 0;
  var shiftTimer = null;
  var modified = false;
  launcher.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !modified) {
      shifts += 1;
      window.clearTimeout(shiftTimer);
      shiftTimer = window.setTimeout(function () { shifts = 0; }, LAPSE_MS);
      if (shifts >= 3) { quickExit(); }
    } else if (event.key !== "Shift") {
      shifts = 0;
    }
    modified = event.shiftKey;
  });
  launcher.addEventListener("blur", function () { shifts = 0; });

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
  close.addEventListener("click", shut);
  after.addEventListener("focus", function () { close.focus(); });
  before.addEventListener("focus", function () { if (frame) { frame.focus(); tell("focus-last"); } });

  // Only the chat's own frame, from the chat's own origin, is listened to.
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== base) { return; }
    var message = event.data;
    if (!message || typeof message !== "object") { return; }
    if (message.imsa === "ready" && !panel.hidden) { tell("open"); }
    else if (message.imsa === "escape") { escape(); }
    else if (message.imsa === "exit") { quickExit(); }
  });

  function mount() { doc.body.appendChild(holder); }
  if (doc.body) { mount(); } else { doc.addEventListener("DOMContentLoaded", mount); }
})();
