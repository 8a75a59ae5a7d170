/* The list page: search, filters, sorting, cards or a table over the embedded data.
   Ours and dependency-free, so the page works from file://. Abstracts come from
   <list>.abstracts.js beside the page, on the first search or expand. Cards and rows
   are built with DOM calls and textContent (never innerHTML), 48 cards or 100 rows
   at a time, so 10,000 papers stay quick and no title can inject markup. The only requests to
   another host are teaser images (http(s) only), asked for when a card nears the
   screen. The filters and the view live in the URL's fragment (#venue=CVPR&view=table),
   the same keys `enrich render bibtex --filter` reads (enrich/render/selection.py). */
(function () {
  "use strict";
  var ROWS_STEP = 100; // rows, or cards (heavier: a teaser box and a sparkline each), added at once
  var CARDS_STEP = 48; // 1, 2, 3 or 4 columns fill evenly
  function step() { return view === "cards" ? CARDS_STEP : ROWS_STEP; }
  var SVG = "http://www.w3.org/2000/svg";
  var LEVELS = "0123456789abcdefghijklmnopqrstuvwxyz"; // as enrich/render/sparkline.py writes them
  var IMAGE_MARGIN = "200px"; // a teaser loads when its card is this close to the screen
  var data = JSON.parse(document.getElementById("data").textContent);
  var papers = data.papers;
  var $ = function (id) { return document.getElementById(id); };
  var controls = ["q", "section", "venue", "year", "code", "health", "sort"].reduce(function (all, id) {
    all[id] = $(id);
    return all;
  }, {});
  var table = $("papers");
  var tbody = document.querySelector("#papers tbody");
  var cards = $("cards");
  var viewButtons = [$("view-cards"), $("view-table")];
  var view = "cards";
  var more = $("more");
  var count = $("count");
  var matched = [];
  var limit = ROWS_STEP;

  var abstracts = null; // fetched on the first search or expand: most of the list's weight
  var abstractsRequested = false;

  papers.forEach(function (p) {
    p.hay = [p.t, (p.a || []).join(" ")].join("\n").toLowerCase();
  });

  function loadAbstracts() {
    if (abstractsRequested) return;
    abstractsRequested = true;
    var script = document.createElement("script");
    script.src = data.abstracts;
    script.onerror = function () {
      document.documentElement.setAttribute("data-abstracts", "failed");
      status();
    };
    document.head.appendChild(script);
  }

  window.enrichAbstracts = function (list) {
    abstracts = list;
    papers.forEach(function (p) {
      if (list[p.i]) p.hay += "\n" + list[p.i].toLowerCase();
    });
    Array.prototype.forEach.call(document.querySelectorAll(".abstract[data-i]"), function (node) {
      node.textContent = abstractText(Number(node.getAttribute("data-i")));
    });
    document.documentElement.setAttribute("data-abstracts", "loaded");
    if (controls.q.value.trim()) update(); else status();
  };

  function abstractsState() {
    return document.documentElement.getAttribute("data-abstracts") === "failed"
      ? " (the abstracts could not be loaded)" : " (abstracts still loading)";
  }

  function abstractText(i) {
    if (abstracts) return abstracts[i] || "No abstract.";
    return document.documentElement.getAttribute("data-abstracts") === "failed"
      ? "The abstracts could not be loaded." : "Loading the abstract\u2026";
  }

  function pageState(p) {
    if (!p.p) return "none";
    return p.p.m ? "problem" : "ok";
  }

  // Each filter: does paper p pass, given the controls' values f?
  var FILTERS = {
    q: function (p, f) { return f.words.every(function (w) { return p.hay.indexOf(w) >= 0; }); },
    section: function (p, f) { return f.section === "" || data.sections[p.s] === f.section; },
    venue: function (p, f) { return f.venue === "" || p.v === f.venue; },
    year: function (p, f) { return f.year === "" || String(p.y) === f.year; },
    code: function (p, f) { return f.code === "" || (f.code === "yes") === Boolean(p.c); },
    health: function (p, f) { return f.health === "" || pageState(p) === f.health; }
  };

  function values() {
    var f = {};
    Object.keys(controls).forEach(function (id) { f[id] = controls[id].value; });
    f.words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    return f;
  }

  function passes(p, f, except) {
    for (var name in FILTERS) {
      if (name !== except && !FILTERS[name](p, f)) return false;
    }
    return true;
  }

  function descending(get) {
    return function (a, b) {
      var x = get(a), y = get(b);
      if (x == null && y == null) return a.i - b.i;
      if (x == null) return 1;
      if (y == null) return -1;
      return x < y ? 1 : x > y ? -1 : a.i - b.i;
    };
  }

  var SORTS = {
    list: function (a, b) { return a.i - b.i; },
    stars: descending(function (p) { return p.c ? p.c.s : null; }),
    trend: descending(function (p) { return p.r; }),
    date: descending(function (p) { return p.d; }),
    title: function (a, b) { return a.t.localeCompare(b.t) || a.i - b.i; }
  };

  // Option labels say how many papers each choice would show under the other filters.
  function updateOptionCounts(f) {
    ["section", "venue", "year"].forEach(function (name) {
      var tally = {};
      var total = 0;
      papers.forEach(function (p) {
        if (!passes(p, f, name)) return;
        total += 1;
        var key = name === "section" ? data.sections[p.s] : name === "venue" ? p.v : String(p.y);
        tally[key] = (tally[key] || 0) + 1;
      });
      Array.prototype.forEach.call(controls[name].options, function (option) {
        if (!option.dataset.label) option.dataset.label = option.textContent;
        var n = option.value === "" ? total : (tally[option.value] || 0);
        option.textContent = option.dataset.label + " (" + n.toLocaleString("en") + ")";
      });
    });
  }

  // The URL's fragment holds every control that is not at its default, and the view.
  function writeHash(f) {
    var parts = [];
    Object.keys(controls).forEach(function (id) {
      var value = id === "q" ? f.q.trim() : f[id];
      if (value && !(id === "sort" && value === "list")) {
        parts.push(id + "=" + encodeURIComponent(value).replace(/%20/g, "+"));
      }
    });
    if (view !== "cards") parts.push("view=" + view);
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  function readHash() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var key = at < 0 ? pair : pair.slice(0, at);
      var value = at < 0 ? "" : pair.slice(at + 1);
      try { wanted[key] = decodeURIComponent(value.replace(/\+/g, " ")); } catch (e) { /* kept */ }
    });
    Object.keys(controls).forEach(function (id) {
      var control = controls[id];
      var value = wanted[id] || (id === "sort" ? "list" : "");
      if (control.tagName === "SELECT" &&
          !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
        value = id === "sort" ? "list" : "";
      }
      control.value = value;
    });
    setView(wanted.view === "table" ? "table" : "cards");
    if (controls.q.value.trim()) loadAbstracts();
  }

  function setView(name) {
    view = name;
    viewButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === name));
    });
    table.hidden = name !== "table";
    cards.hidden = name !== "cards";
  }

  function update() {
    var f = values();
    writeHash(f);
    matched = papers.filter(function (p) { return passes(p, f, null); });
    matched.sort(SORTS[f.sort] || SORTS.list);
    limit = step();
    updateOptionCounts(f);
    render();
  }

  function number(n) { return n.toLocaleString("en"); }

  function signed(n) {
    return n > 0 ? "+" + number(n) : n < 0 ? "\u2212" + number(-n) : "0";
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] != null) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child == null) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // Only web links become links: a list could hold javascript: or data: URLs.
  function link(text, url) {
    return /^https?:\/\//i.test(url || "") ? el("a", { href: url, rel: "noopener" }, [text]) : text;
  }

  // Spaces between a cell's parts, so a narrow screen can wrap the line between them.
  function spaced(parts) {
    return parts.reduce(function (all, part, i) { return i ? all.concat([" ", part]) : [part]; }, []);
  }

  function codeCell(c) {
    if (!c) return [];
    var parts = [link(c.n, c.u)];
    if (c.s != null) parts.push(el("span", { class: "stars" }, ["\u2605 " + number(c.s)]));
    if (c.f != null) parts.push(el("span", { class: "muted" }, [number(c.f) + " forks"]));
    if (c.p) parts.push(el("span", { class: "muted" }, ["pushed " + c.p]));
    if (c.a) parts.push(el("span", { class: "badge" }, ["archived"]));
    if (c.z) parts.push(el("span", { class: "badge" }, ["figures from before " + c.z]));
    return spaced(parts);
  }

  function pageCell(p) {
    if (!p) return [];
    var parts = [link("page", p.u)];
    if (p.m) parts.push(el("span", { class: "badge warn" }, [p.m + (p.z ? " since " + p.z : "")]));
    return spaced(parts);
  }

  function rows(p) {
    var detailId = "detail-" + p.i;
    var toggle = el("button", { type: "button", class: "expand", "aria-expanded": "false",
      "aria-controls": detailId, "aria-label": "Authors and abstract of " + p.t }, ["+"]);
    var main = el("tr", { "data-id": String(p.i) }, [
      el("td", { class: "title" }, [toggle, " ", link(p.t, p.u),
        el("div", { class: "muted small" }, [data.sections[p.s]])]),
      el("td", { "data-label": "Venue" }, [[p.v, p.y].filter(Boolean).join(" ")]),
      el("td", { "data-label": "Code" }, codeCell(p.c)),
      el("td", { "data-label": "Page" }, pageCell(p.p)),
      el("td", { "data-label": "Stars in 30 days", class: "num" }, [p.r == null ? "\u2014" : signed(p.r)])
    ]);
    var detail = el("tr", { id: detailId, class: "detail", hidden: "" }, [
      el("td", { colspan: "5" }, [
        el("p", {}, [el("strong", {}, ["Authors: "]), (p.a || []).join(", ") || "not known"]),
        el("p", { class: "abstract", "data-i": String(p.i) }, [abstractText(p.i)]),
        p.x ? el("p", {}, [link("arXiv", p.x)]) : null
      ])
    ]);
    toggle.addEventListener("click", function () {
      loadAbstracts();
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      toggle.textContent = open ? "+" : "\u2212";
      detail.hidden = open;
    });
    return [main, detail];
  }

  // A sparkline of the repository's stars (same geometry as sparkline.py's svg()).
  function sparkline(c) {
    if (!c.h) return null;
    var width = 96, height = 22, pad = 2, top = LEVELS.length - 1;
    var step = width / Math.max(c.h.length - 1, 1);
    var points = [];
    for (var i = 0; i < c.h.length; i++) {
      var level = LEVELS.indexOf(c.h.charAt(i));
      if (level < 0) continue;
      points.push((i * step).toFixed(1) + "," + (pad + (height - 2 * pad) * (1 - level / top)).toFixed(1));
    }
    var label = "Stars " + (data.spark ? data.spark.from + " to " + data.spark.to : "") + ": " +
      number(c.hf) + " to " + (c.s != null ? number(c.s) : "?");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    var title = document.createElementNS(SVG, "title");
    title.textContent = label;
    var line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(title);
    svg.appendChild(line);
    return svg;
  }

  // Teasers load when their card nears the screen; until then, and when one fails, a plain box.
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      entry.target.src = entry.target.getAttribute("data-src");
    });
  }, { rootMargin: IMAGE_MARGIN }) : null;

  function teaser(p) {
    var box = el("div", { class: "teaser" }, [el("span", { class: "fallback" }, [p.v || "No teaser image"])]);
    if (!/^https?:\/\//i.test(p.g || "")) return box;
    var img = el("img", { alt: "", width: "320", height: "180", decoding: "async",
      referrerpolicy: "no-referrer", "data-src": p.g });
    img.addEventListener("load", function () { box.classList.add("loaded"); });
    img.addEventListener("error", function () { img.remove(); box.classList.add("failed"); });
    box.appendChild(img);
    if (observer) observer.observe(img); else { img.loading = "lazy"; img.src = p.g; }
    return box;
  }

  function card(p) {
    var detailId = "card-detail-" + p.i;
    var toggle = el("button", { type: "button", class: "more-info", "aria-expanded": "false",
      "aria-controls": detailId }, ["Abstract"]);
    var detail = el("div", { id: detailId, class: "card-detail", hidden: "" }, [
      el("p", { class: "abstract", "data-i": String(p.i) }, [abstractText(p.i)]),
      p.x ? el("p", {}, [link("arXiv", p.x)]) : null
    ]);
    toggle.addEventListener("click", function () {
      loadAbstracts();
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      detail.hidden = open;
    });
    var authors = p.a || [];
    var shown = authors.slice(0, 3).join(", ") + (authors.length > 3 ? " et al." : "");
    var facts = [];
    if (p.c) {
      facts.push(el("span", { class: "code" }, spaced([link(p.c.n, p.c.u),
        p.c.s != null ? el("span", { class: "stars" }, ["\u2605 " + number(p.c.s)]) : null,
        sparkline(p.c),
        p.r != null ? el("span", { class: "muted", title: "Stars in 30 days" }, [signed(p.r) + " in 30 days"]) : null,
        p.c.a ? el("span", { class: "badge" }, ["archived"]) : null,
        p.c.z ? el("span", { class: "badge" }, ["figures from before " + p.c.z]) : null
      ].filter(Boolean))));
    }
    if (p.p) facts.push(el("span", {}, pageCell(p.p)));
    return el("li", { class: "card", "data-id": String(p.i) }, [
      teaser(p),
      el("div", { class: "card-body" }, [
        el("h2", { class: "card-title" }, [link(p.t, p.u)]),
        el("p", { class: "muted small" }, [[p.v, p.y].filter(Boolean).join(" ") ||
          data.sections[p.s], p.v || p.y ? " \u00b7 " + data.sections[p.s] : ""]),
        shown ? el("p", { class: "authors small" }, [shown]) : null,
        el("div", { class: "facts" }, facts),
        toggle,
        detail
      ])
    ]);
  }

  function appendRows(from, to) {
    var fragment = document.createDocumentFragment();
    matched.slice(from, to).forEach(function (p) {
      if (view === "cards") fragment.appendChild(card(p));
      else rows(p).forEach(function (row) { fragment.appendChild(row); });
    });
    (view === "cards" ? cards : tbody).appendChild(fragment);
  }

  // The count follows the filters, and says when only the first rows are on the page.
  function status() {
    var shown = Math.min(limit, matched.length);
    count.textContent = (matched.length === papers.length
      ? number(papers.length) + " papers"
      : number(matched.length) + " of " + number(papers.length) + " papers match") +
      (shown < matched.length ? ", first " + number(shown) + " shown" : "") +
      (controls.q.value.trim() && !abstracts ? " in titles and authors" + abstractsState() : "");
    more.hidden = shown >= matched.length;
    more.textContent = "Show " + number(Math.min(step(), matched.length - shown)) + " more";
  }

  function render() {
    if (observer) observer.disconnect();
    tbody.replaceChildren();
    cards.replaceChildren();
    appendRows(0, limit);
    status();
  }

  function showMore() {
    appendRows(limit, limit + step());
    limit += step();
    status();
  }

  $("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  Object.keys(controls).forEach(function (id) {
    controls[id].addEventListener(id === "q" ? "input" : "change", function () {
      if (id === "q" && controls.q.value.trim()) loadAbstracts();
      update();
    });
  });
  more.addEventListener("click", showMore);
  viewButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      setView(button.getAttribute("data-view"));
      update();
    });
  });
  window.addEventListener("hashchange", function () { readHash(); update(); });
  // On a phone the chart would push every paper below the fold: it starts folded there.
  var charts = document.querySelector("details.charts");
  if (charts && window.matchMedia && window.matchMedia("(max-width: 700px)").matches) charts.open = false;
  readHash();
  update();
  performance.mark("enrich-ready"); // the benchmark's time to interactive
  document.documentElement.setAttribute("data-ready", "true");
})();
