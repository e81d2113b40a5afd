// Modelled PageUp page script (OUR MODEL, not PageUp's real code). The pages
// are server-rendered; this only answers the top-bar buttons with a notice
// that they do nothing in the sandbox.
(function () {
  "use strict";
  var toast = document.getElementById("pu-toast");
  var timer = null;
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var btn = t && t.closest ? t.closest(".pu-topbar-actions button") : null;
    if (!btn || !toast) {
      return;
    }
    toast.textContent = btn.textContent + " is not available in the sandbox.";
    toast.hidden = false;
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(function () {
      toast.hidden = true;
      timer = null;
    }, 2500);
  });
})();
