// PSDesk works without JavaScript; this only makes it kinder where a browser runs it.
(function () {
  "use strict";
  // A refused form: move focus to its message so a screen reader announces it and the page scrolls to it.
  var failed = document.querySelector("[data-focus]");
  if (failed) { failed.focus(); failed.scrollIntoView({ block: "center" }); }

  // Irreversible steps ask first (the server asks again where it matters).
  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("[data-confirm]");
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    // A form sent once is not sent twice by an impatient second click.
    if (event.target.dataset.sending) { event.preventDefault(); return; }
    event.target.dataset.sending = "yes";
    setTimeout(function () { delete event.target.dataset.sending; }, 8000);
  });

  // A file over the limit is named before it is uploaded, not after minutes of sending.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var tooBig = Array.prototype.filter.call(input.files || [], function (f) { return f.size > max; });
    input.setCustomValidity(tooBig.length ? tooBig[0].name + " is larger than " + Math.round(max / 1e6) + " MB." : "");
    input.reportValidity();
  });
})();
