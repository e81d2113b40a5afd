// Modelled Lever single-page app: in-page navigation between candidates with
// history.pushState, re-rendering after a short delay as if fetching.
// Only candidate pages (#lever-profile) are a single-page app; the index,
// posting (#lever-posting) and not-found pages use plain links.
(function () {
  "use strict";
  var dataEl = document.getElementById("lever-data");
  var main = document.getElementById("lever-profile");
  if (!dataEl || !main) {
    return; // index, posting and not-found pages: plain links
  }
  var people = [];
  try {
    people = JSON.parse(dataEl.textContent) || [];
  } catch (e) {
    people = [];
  }
  var pending = null;

  function find(id) {
    for (var i = 0; i < people.length; i++) {
      if (people[i].id === id) {
        return people[i];
      }
    }
    return null;
  }

  function idFromPath(path) {
    var m = /^\/candidates\/([^\/?#]+)\/?$/.exec(path);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function render(id) {
    var p = find(id);
    var nameEl = main.querySelector(".candidate-name");
    var emailEl = main.querySelector(".candidate-email");
    var stageEl = main.querySelector(".candidate-stage");
    main.setAttribute("data-opportunity-id", id);
    if (p) {
      nameEl.textContent = p.name;
      emailEl.textContent = p.email;
      emailEl.setAttribute("href", "mailto:" + p.email);
      stageEl.textContent = p.stage;
      document.title = p.name + " \u2013 Lever";
    } else {
      nameEl.textContent = "Candidate not found";
      emailEl.textContent = "";
      emailEl.removeAttribute("href");
      stageEl.textContent = "";
      document.title = "Not found \u2013 Lever";
    }
    renderPostings(p ? p.postings || [] : []);
    var list = document.getElementById("other-candidates");
    if (list) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      for (var i = 0; i < people.length; i++) {
        if (people[i].id === id) {
          continue;
        }
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.className = "candidate-link";
        a.setAttribute("href", "/candidates/" + encodeURIComponent(people[i].id));
        a.textContent = people[i].name;
        li.appendChild(a);
        list.appendChild(li);
      }
    }
  }

  // The "Jobs" section: one a.candidate-posting per posting the candidate is in.
  function renderPostings(postings) {
    var section = main.querySelector(".candidate-postings");
    if (!section) {
      return;
    }
    var old = section.querySelectorAll("a.candidate-posting");
    for (var k = 0; k < old.length; k++) {
      section.removeChild(old[k]);
    }
    for (var j = 0; j < postings.length; j++) {
      var a = document.createElement("a");
      a.className = "candidate-posting";
      a.setAttribute("data-posting-id", postings[j].id);
      a.setAttribute("href", "/jobs/postings/" + encodeURIComponent(postings[j].id));
      a.textContent = postings[j].text;
      section.appendChild(a);
    }
  }

  function navigate(id) {
    if (pending !== null) {
      clearTimeout(pending);
    }
    main.classList.add("is-loading");
    pending = setTimeout(function () {
      pending = null;
      render(id);
      main.classList.remove("is-loading");
    }, 150);
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target;
    var link = target && target.closest ? target.closest("a.candidate-link") : null;
    if (!link || ev.defaultPrevented || ev.button !== 0 ||
        ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) {
      return;
    }
    var id = idFromPath(link.pathname);
    if (!id) {
      return;
    }
    ev.preventDefault();
    history.pushState({ id: id }, "", "/candidates/" + encodeURIComponent(id));
    navigate(id);
  });

  window.addEventListener("popstate", function () {
    var id = idFromPath(location.pathname);
    if (id) {
      navigate(id);
    } else {
      location.reload();
    }
  });
})();
