// Staff area: select words of an answer to redact or code them.
// The page works without this script (staff type the words instead). With it, a selection inside an answer's
// text fills the hidden start/end/selected fields of the forms that belong to that answer; the form is then sent
// as usual, with its CSRF token. Offsets are counted in characters (code points), as the server counts them.
(function () {
  "use strict";

  function codePoints(text) { return Array.from(text).length; }

  function selectionIn(element) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.selectNodeContents(element);
    before.setEnd(range.startContainer, range.startOffset);
    var selected = range.toString();
    if (!selected.trim()) { return null; }
    var start = codePoints(before.toString());
    return { start: start, end: start + codePoints(selected), selected: selected };
  }

  function describe(chosen) {
    var shown = chosen.selected.length > 80 ? chosen.selected.slice(0, 79) + "…" : chosen.selected;
    return "Selected: “" + shown + "”";
  }

  var texts = document.querySelectorAll(".answer-text[data-answer]");
  Array.prototype.forEach.call(texts, function (text) {
    var id = text.getAttribute("data-answer");
    var forms = document.querySelectorAll("form[data-selection-for='" + id + "']");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.hasAttribute("hidden")) { form.removeAttribute("hidden"); }
    });

    function update() {
      var chosen = selectionIn(text);
      Array.prototype.forEach.call(forms, function (form) {
        var optional = form.hasAttribute("data-selection-optional");
        form.elements.start.value = chosen ? chosen.start : "";
        form.elements.end.value = chosen ? chosen.end : "";
        form.elements.selected.value = chosen ? chosen.selected : "";
        var status = form.querySelector(".selection-status");
        if (status) {
          if (optional) {
            status.hidden = !chosen;
            status.textContent = chosen ? describe(chosen) + " (the code goes on these words)" : "";
          } else {
            status.textContent = chosen ? describe(chosen) : "Select words in the answer to redact them.";
          }
        }
        if (!optional) {
          var button = form.querySelector("button[type=submit]");
          if (button) { button.disabled = !chosen; }
        }
      });
    }

    // A click on a form's button moves focus, but the selection stays: read it on the way there too.
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (selection && selection.rangeCount && text.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        update();
      } else if (selection && selection.isCollapsed) {
        var active = document.activeElement;
        var inForm = Array.prototype.some.call(forms, function (form) { return form.contains(active); });
        if (!inForm) { update(); }
      }
    });
  });
})();
