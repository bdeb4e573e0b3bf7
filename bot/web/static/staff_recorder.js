// The staff recordings page: record a text in the browser (MediaRecorder), play the take back, save or record
// again, or send a file. The audio goes to the server as the request body, with the session's CSRF token and
// the fingerprint of the text shown (a text changed meanwhile is refused). No inline script: the CSP forbids it.
(function () {
  "use strict";
  var box = document.getElementById("recorder");
  if (!box) { return; }
  function $(id) { return document.getElementById(id); }
  var recordButton = $("record"), stopButton = $("stop"), saveButton = $("save"), againButton = $("again");
  var take = $("take"), takeBox = $("take-box"), status = $("recorder-status"), problem = $("recorder-problem");
  var file = $("file");
  var maxBytes = parseInt(box.getAttribute("data-max-bytes"), 10) || 2097152;
  var recorder = null, stream = null, chunks = [], blob = null, takeUrl = null;
  box.hidden = false;

  function say(text) { status.textContent = text; }
  function fail(text) {
    problem.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "There is a problem";
    var p = document.createElement("p");
    p.textContent = text;
    problem.appendChild(heading);
    problem.appendChild(p);
    problem.hidden = false;
    problem.focus();
  }
  function clearProblem() { problem.hidden = true; problem.textContent = ""; }

  var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  if (!canRecord) {
    recordButton.disabled = true;
    say("This browser cannot record here. Choose a recording from this device instead.");
  }
  function format() {
    var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm"];
    for (var i = 0; i < types.length; i++) {
      if (window.MediaRecorder.isTypeSupported && window.MediaRecorder.isTypeSupported(types[i])) { return types[i]; }
    }
    return "";
  }
  function showTake(recorded) {
    blob = recorded;
    if (takeUrl) { URL.revokeObjectURL(takeUrl); }
    takeUrl = URL.createObjectURL(blob);
    take.src = takeUrl;
    takeBox.hidden = false;
    saveButton.disabled = false;
  }

  recordButton.addEventListener("click", function () {
    clearProblem();
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (media) {
      stream = media;
      var type = format();
      // 32 kbit/s: Opus speech stays clear, and a survivor on a small data plan fetches about 40 KB per 10 s
      var options = { audioBitsPerSecond: 32000 };
      if (type) { options.mimeType = type; }
      recorder = new window.MediaRecorder(stream, options);
      chunks = [];
      recorder.addEventListener("dataavailable", function (event) { if (event.data && event.data.size) { chunks.push(event.data); } });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        showTake(new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" }));
        say("Recorded. Listen to your take, then save it or record again.");
        take.focus();
      });
      recorder.start();
      recordButton.disabled = true;
      stopButton.disabled = false;
      stopButton.focus();
      say("Recording: read the text now, then press Stop.");
    }, function () {
      fail("The microphone could not be used. Allow this page to use the microphone (the icon in the address bar), " +
           "or choose a recording from this device.");
    });
  });
  stopButton.addEventListener("click", function () {
    if (recorder && recorder.state !== "inactive") { recorder.stop(); }
    stopButton.disabled = true;
    recordButton.disabled = !canRecord;
  });
  againButton.addEventListener("click", function () {
    takeBox.hidden = true;
    blob = null;
    say("");
    recordButton.focus();
    recordButton.click();
  });
  file.addEventListener("change", function () {
    clearProblem();
    var chosen = file.files && file.files[0];
    if (!chosen) { return; }
    if (chosen.size > maxBytes) { fail("This file is too big: a recording can be at most " + Math.floor(maxBytes / 1048576) + " MB."); return; }
    showTake(chosen);
    say("File chosen. Listen to it, then save it.");
  });
  saveButton.addEventListener("click", function () {
    if (!blob) { return; }
    clearProblem();
    saveButton.disabled = true;
    say("Saving …");
    fetch(box.getAttribute("data-upload"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRF-Token": box.getAttribute("data-csrf"),
        "X-Text-Fingerprint": box.getAttribute("data-fingerprint"),
        "Content-Type": (blob.type || "application/octet-stream").split(";")[0],
        "Accept": "application/json"
      },
      body: blob
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (!answer.ok) {
        saveButton.disabled = false;
        say("");
        fail((answer.data && answer.data.error) || "The recording was not saved. Try again.");
        return;
      }
      window.location.assign(window.location.pathname + "?saved=1");
    }, function () {
      saveButton.disabled = false;
      say("");
      fail("The recording was not saved: the connection failed. Your take is still here: try Save again.");
    });
  });
}());
