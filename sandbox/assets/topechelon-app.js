// Modelled Top Echelon Big Biller page script (OUR MODEL, not Top Echelon's
// real code). The pages are server-rendered; this only answers the top-bar
// buttons with a notice that they do nothing in the sandbox.
(function () {
  "use strict";
  var toast = document.getElementById("te-toast");
  var timer = null;
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var btn = t && t.closest ? t.closest(".te-topbar-actions button") : null;
    if (!btn || !toast) {
      return;
    }
    toast.textContent = btn.textContent.replace(/^\+\s*/, "") + " is not available in the sandbox.";
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
