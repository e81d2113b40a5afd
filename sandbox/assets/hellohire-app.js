// Modelled Hellohire page script (OUR MODEL, not Hellohire's real code). The
// pages are server-rendered; this marks the chosen Yes / Maybe / No rating
// with aria-pressed, and answers the other buttons with a notice that they
// do nothing in the sandbox.
(function () {
  "use strict";
  var toast = document.getElementById("hh-toast");
  var timer = null;

  function notice(text) {
    if (!toast) {
      return;
    }
    toast.textContent = text;
    toast.hidden = false;
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(function () {
      toast.hidden = true;
      timer = null;
    }, 2500);
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t || !t.closest) {
      return;
    }
    var rate = t.closest(".hh-rating > button");
    if (rate) {
      var buttons = rate.parentNode.querySelectorAll(":scope > button");
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", buttons[i] === rate ? "true" : "false");
      }
      return;
    }
    var btn = t.closest(".hh-topbar-actions button, .hh-controls button");
    if (btn) {
      notice(btn.textContent + " is not available in the sandbox.");
    }
  });
})();
