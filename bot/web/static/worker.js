// Support worker page: ask the server for a hand-over link and its QR code.
(function () {
  "use strict";
  var form = document.getElementById("handover");
  if (!form) { return; }
  var result = document.getElementById("result");
  var error = document.getElementById("themes-error");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var themes = [];
    var boxes = form.querySelectorAll("input[name=themes]:checked");
    for (var i = 0; i < boxes.length; i++) { themes.push(boxes[i].value); }
    var assisted = form.querySelector("input[name=assisted]:checked");
    if (!themes.length) {
      error.hidden = false;
      form.querySelector("input[name=themes]").focus();
      return;
    }
    error.hidden = true;
    fetch("/handover", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      body: JSON.stringify({ lang: form.lang.value, themes: themes, assisted: assisted ? assisted.value : "" })
    }).then(function (r) {
      if (!r.ok) { throw new Error("handover " + r.status); }
      return r.json();
    }).then(function (data) {
      var link = document.getElementById("result-link");
      link.textContent = data.link;
      link.href = data.link;
      document.getElementById("result-open").href = data.link;
      document.getElementById("result-qr").src = data.qr;
      result.hidden = false;
      result.focus();
    }).catch(function () {
      document.getElementById("handover-error").hidden = false;
    });
  });
})();
