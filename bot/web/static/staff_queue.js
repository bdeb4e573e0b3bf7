// Staff area, one answer's page: keyboard shortcuts for coding answer after answer (the coding queue).
// j / k next / previous answer in the current search and filters; c / x confirm / reject the first suggested code;
// a goes to the code list; e to the English box; r marks the redaction reviewed. The page lists them in visible
// text. They never fire while typing in a field, nor with Ctrl, Alt or the Command key held; every button and link
// stays reachable with Tab, and the page works the same without this script.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function say(text) {
    var status = document.getElementById("shortcut-status");
    if (status) { status.textContent = text; }
  }

  function submit(form) {
    if (!form) { return false; }
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) { button.click(); } else { form.submit(); }
    return true;
  }

  function follow(id, missing) {
    var link = document.getElementById(id);
    if (link) { window.location.assign(link.href); return true; }
    say(missing);
    return false;
  }

  function focusOn(id) {
    var field = document.getElementById(id);
    if (!field) { return false; }
    field.focus();
    if (field.scrollIntoView) { field.scrollIntoView({block: "center"}); }
    return true;
  }

  var actions = {
    j: function () { return follow("queue-next", "This is the last answer in the list."); },
    k: function () { return follow("queue-previous", "This is the first answer in the list."); },
    c: function () {
      return submit(document.querySelector("form.confirm-form")) || (say("No suggested code is left to confirm."), false);
    },
    x: function () {
      return submit(document.querySelector("form.reject-form.suggestion")) ||
        (say("No suggested code is left to reject."), false);
    },
    a: function () { return focusOn("add-code"); },
    e: function () { return focusOn("english-text") || (say("This answer was written in English."), false); },
    r: function () {
      var button = document.querySelector("form.reviewed-form button");
      if (button) { button.click(); return true; }
      say("There is no redaction review to mark on this answer.");
      return false;
    }
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    if (typing(event.target)) { return; }
    var action = actions[event.key];
    if (!action) { return; }
    event.preventDefault();
    action();
  });
}());
