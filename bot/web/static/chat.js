// A plain page for the chat: texts are shown with textContent, never as HTML.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("send");
  var input = document.getElementById("message");
  var bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  var sender = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");

  function line(text, who) {
    var p = document.createElement("p");
    p.className = who;
    p.textContent = text;
    log.appendChild(p);
    return p;
  }

  function show(messages) {
    messages.forEach(function (m) {
      var p = line(m.text || "", "bot");
      (m.buttons || []).forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        p.appendChild(document.createElement("br"));
        p.appendChild(button);
      });
    });
    window.scrollTo(0, document.body.scrollHeight);
  }

  function send(message, shown) {
    line(shown, "you");
    fetch("/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message })
    }).then(function (r) { return r.json(); }).then(show).catch(function () {
      line("Sorry, the chat is not working just now. Please try again.", "bot");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text, text);
    input.focus();
  });

  send("/greet", "Hello");
})();
