// Modelled SmartRecruiters page script (OUR MODEL, not SmartRecruiters' real
// code). The pages are server-rendered; this answers the top-bar and profile
// buttons with a notice that they do nothing in the sandbox, and makes the
// profile and job parts web components with open shadow roots, as the real
// app's `spl-*`/`sr-*` components are: their text is not in the light DOM.
(function () {
  "use strict";
  ["sr-candidate-header", "sr-candidate-jobs", "sr-job-header", "sr-applicants"].forEach(function (tag) {
    customElements.define(tag, class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) {
          return;
        }
        var root = this.attachShadow({ mode: "open" });
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = "/static/smartrecruiters-app.css";
        root.appendChild(css);
        while (this.firstChild) {
          root.appendChild(this.firstChild);
        }
      }
    });
  });
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
