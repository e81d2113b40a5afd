// Modelled Oorwin single-page app (OUR MODEL, not Oorwin's real code or
// markup). Renders the view for location.hash from the JSON in
// #oorwin-data, with DOM APIs and textContent only (no HTML strings). The first
// view renders at once; a hashchange keeps the old view (marked
// .is-loading) for 150 ms, as if fetching, then renders the new one.
//
// Routes:
//   #/candidates/{id}/overview       div.ow-candidate
//   #/jobs/{id}/overview             div.ow-job (Overview tab)
//   #/jobs/{id}/pipeline_details/all div.ow-job (Pipeline tab)
//   #/ or anything else              the list of jobs and candidates
(function () {
  "use strict";
  var root = document.getElementById("ow-root");
  var dataEl = document.getElementById("oorwin-data");
  if (!root || !dataEl) {
    return;
  }
  var data = { jobs: [], candidates: [] };
  try {
    data = JSON.parse(dataEl.textContent) || data;
  } catch (e) {
    data = { jobs: [], candidates: [] };
  }
  var pending = null;

  function find(list, id) {
    for (var i = 0; i < list.length; i++) {
      if (String(list[i].id) === id) {
        return list[i];
      }
    }
    return null;
  }

  // el("div", {class: "x", "data-a": "b"}, [child, "text", ...])
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var k;
    for (k in attrs || {}) {
      if (Object.prototype.hasOwnProperty.call(attrs, k)) {
        node.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) {
        return;
      }
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function candidateHref(id) {
    return "#/candidates/" + encodeURIComponent(id) + "/overview";
  }

  function jobHref(id) {
    return "#/jobs/" + encodeURIComponent(id) + "/overview";
  }

  function parse(hash) {
    var h = hash.replace(/^#/, "");
    var m = /^\/candidates\/([^\/?]+)(?:\/overview)?\/?$/.exec(h);
    if (m) {
      return { view: "candidate", id: decodeURIComponent(m[1]) };
    }
    m = /^\/jobs\/([^\/?]+)(?:\/overview)?\/?$/.exec(h);
    if (m) {
      return { view: "job", tab: "overview", id: decodeURIComponent(m[1]) };
    }
    m = /^\/jobs\/([^\/?]+)\/pipeline_details(?:\/[^\/?]*)?\/?$/.exec(h);
    if (m) {
      return { view: "job", tab: "pipeline", id: decodeURIComponent(m[1]) };
    }
    return { view: "home" };
  }

  function crumbs(parts) {
    var nav = el("nav", { class: "ow-crumbs" });
    parts.forEach(function (p, i) {
      if (i > 0) {
        nav.appendChild(el("span", { class: "ow-crumb-sep" }, ["/"]));
      }
      nav.appendChild(p[1] ? el("a", { href: p[1] }, [p[0]]) : el("span", {}, [p[0]]));
    });
    return nav;
  }

  function tabs(items) {
    var bar = el("div", { class: "ow-tabs" });
    items.forEach(function (t) {
      bar.appendChild(el("a", { class: t[2] ? "ow-tab is-active" : "ow-tab", href: t[1] }, [t[0]]));
    });
    return bar;
  }

  function details(pairs) {
    var dl = el("dl", { class: "ow-details" });
    pairs.forEach(function (p) {
      dl.appendChild(el("dt", {}, [p[0]]));
      dl.appendChild(el("dd", {}, [p[1]]));
    });
    return dl;
  }

  function initials(name) {
    return String(name).split(/\s+/).map(function (w) { return w.charAt(0); }).join("").slice(0, 2).toUpperCase();
  }

  function homeView(notice) {
    var wrap = el("div", { class: "ow-home" });
    if (notice) {
      wrap.appendChild(el("div", { class: "ow-notfound" }, [notice]));
    }
    var jobsBody = el("tbody");
    data.jobs.forEach(function (j) {
      jobsBody.appendChild(el("tr", { class: "ow-home-job", "data-job-id": String(j.id) }, [
        el("td", {}, [el("a", { href: jobHref(j.id) }, [j.title])]),
        el("td", {}, [j.location]),
        el("td", {}, [String((j.candidate_ids || []).length)]),
        el("td", {}, [el("a", { href: "#/jobs/" + encodeURIComponent(j.id) + "/pipeline_details/all" }, ["Pipeline"])])
      ]));
    });
    wrap.appendChild(el("section", { class: "ow-card" }, [
      el("h2", { class: "ow-card-title" }, ["Job Requisitions"]),
      el("table", { class: "ow-table" }, [
        el("thead", {}, [el("tr", {}, [el("th", {}, ["Title"]), el("th", {}, ["Location"]), el("th", {}, ["Candidates"]), el("th", {}, [""])])]),
        jobsBody
      ])
    ]));
    var list = el("ul", { class: "ow-home-candidates" });
    data.candidates.forEach(function (c) {
      list.appendChild(el("li", {}, [el("a", { href: candidateHref(c.id) }, [c.name])]));
    });
    wrap.appendChild(el("section", { class: "ow-card" }, [
      el("h2", { class: "ow-card-title" }, ["Candidates"]),
      list
    ]));
    return { node: wrap, title: "Dashboard" };
  }

  function candidateView(c) {
    var pipeline = el("div", { class: "ow-pipeline" });
    (c.job_ids || []).forEach(function (jid) {
      var j = find(data.jobs, String(jid));
      if (!j) {
        return;
      }
      pipeline.appendChild(el("div", {
        class: "ow-pipeline-job",
        "data-job-id": String(j.id),
        role: "link",
        tabindex: "0"
      }, [j.title]));
    });
    var card = el("div", { class: "ow-candidate" }, [
      el("h2", { class: "ow-candidate-name" }, [c.name]),
      el("span", { class: "ow-candidate-email" }, [c.email]),
      pipeline
    ]);
    var wrap = el("section", { class: "ow-card ow-candidate-card", "data-view": "candidate" }, [
      crumbs([["Candidates", "#/"], [c.name, null]]),
      el("div", { class: "ow-profile-head" }, [el("span", { class: "ow-bigavatar" }, [initials(c.name)]), card]),
      tabs([["Overview", candidateHref(c.id), true], ["Resume", candidateHref(c.id), false], ["Activities", candidateHref(c.id), false]]),
      details([
        ["Status", "Active"],
        ["Owner", "Alex Recruiter"],
        ["Source", "Career site"],
        ["Pipelines", String((c.job_ids || []).length)]
      ]),
      el("p", { class: "ow-muted" }, ["No activities logged yet."])
    ]);
    return { node: wrap, title: c.name };
  }

  function jobView(j, tab) {
    var body = el("tbody");
    (j.candidate_ids || []).forEach(function (cid) {
      var c = find(data.candidates, String(cid));
      if (!c) {
        return;
      }
      body.appendChild(el("tr", { class: "ow-pipeline-row", "data-candidate-id": String(c.id) }, [
        el("td", { class: "ow-name" }, [el("a", { href: candidateHref(c.id) }, [c.name])]),
        el("td", { class: "ow-email" }, [c.email])
      ]));
    });
    var table = el("table", { class: "ow-pipeline-table" }, [
      el("thead", {}, [el("tr", {}, [el("th", {}, ["Candidate"]), el("th", {}, ["Email"])])]),
      body
    ]);
    var job = el("div", { class: "ow-job" }, [
      el("h2", { class: "ow-job-title" }, [j.title]),
      el("span", { class: "ow-job-location" }, [j.location]),
      el("div", { class: "ow-job-description" }, [j.description]),
      el("h3", { class: "ow-section-title" }, ["Pipeline \u2013 All (" + (j.candidate_ids || []).length + ")"]),
      table
    ]);
    var pipeHref = "#/jobs/" + encodeURIComponent(j.id) + "/pipeline_details/all";
    var wrap = el("section", { class: "ow-card ow-job-card", "data-view": "job-" + tab }, [
      crumbs([["Job Requisitions", "#/"], [j.title, null]]),
      tabs([["Overview", jobHref(j.id), tab === "overview"], ["Pipeline", pipeHref, tab === "pipeline"], ["Notes", jobHref(j.id), false]]),
      job
    ]);
    return { node: wrap, title: j.title };
  }

  function view() {
    var r = parse(location.hash);
    if (r.view === "candidate") {
      var c = find(data.candidates, r.id);
      return c ? candidateView(c) : homeView("Candidate not found.");
    }
    if (r.view === "job") {
      var j = find(data.jobs, r.id);
      return j ? jobView(j, r.tab) : homeView("Job not found.");
    }
    return homeView(null);
  }

  function render() {
    var v = view();
    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }
    root.appendChild(v.node);
    root.classList.remove("is-loading");
    document.title = v.title + " | Oorwin";
  }

  window.addEventListener("hashchange", function () {
    if (pending !== null) {
      clearTimeout(pending);
    }
    root.classList.add("is-loading");
    pending = setTimeout(function () {
      pending = null;
      render();
    }, 150);
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var job = t && t.closest ? t.closest(".ow-pipeline-job") : null;
    if (job) {
      location.hash = "#/jobs/" + encodeURIComponent(job.getAttribute("data-job-id")) + "/overview";
      return;
    }
    var btn = t && t.closest ? t.closest(".ow-topbar-actions button") : null;
    var toast = document.getElementById("ow-toast");
    if (btn && toast) {
      toast.textContent = btn.textContent + " is not available in the sandbox.";
      toast.hidden = false;
      setTimeout(function () { toast.hidden = true; }, 2000);
    }
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key === "Enter" && t && t.classList && t.classList.contains("ow-pipeline-job")) {
      t.click();
    }
  });

  render();
})();
