// Modelled SmartRecruiters page script (OUR MODEL, not SmartRecruiters' real
// code). The pages are server-rendered; this only answers the top-bar and
// profile buttons with a notice that they do nothing in the sandbox.
(function () {
  "use strict";
  var toast = document.getElementById("sr-toast");
  var timer = null;
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var btn = t && t.closest ? t.closest(".sr-topbar-actions button, .sr-profile-actions button") : null;
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
