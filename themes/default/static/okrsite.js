/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // Open <details> that contain the #target so deep links to check-ins and tasks show them.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    while (el) { if (el.tagName === "DETAILS") el.open = true; el = el.parentElement; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // Diagram: pointing at or focusing a bar highlights its dependency arrows (and stubs) and the
  // bars at their other ends. Arrows name their ends in classes: rmd-from-ID rmd-to-ID.
  function named(el, prefix) {
    return Array.prototype.filter.call(el.classList, function (c) { return c.indexOf(prefix) === 0; })
      .map(function (c) { return c.slice(prefix.length); });
  }
  var lit = [];
  function light(bar) {
    lit.forEach(function (el) { el.classList.remove("rmd-hl"); });
    lit = [];
    if (!bar) return;
    var svg = bar.ownerSVGElement, id = named(bar, "rmd-m-")[0];
    if (!svg || !id) return;
    var key = CSS.escape(id);
    svg.querySelectorAll(".rmd-from-" + key + ", .rmd-to-" + key).forEach(function (arrow) {
      lit.push(arrow);
      named(arrow, "rmd-from-").concat(named(arrow, "rmd-to-")).forEach(function (other) {
        svg.querySelectorAll(".rmd-m-" + CSS.escape(other)).forEach(function (b) { lit.push(b); });
      });
    });
    if (lit.length) lit.push(bar);
    lit.forEach(function (el) { el.classList.add("rmd-hl"); });
  }
  var litBy = "";
  function onPoint(event) {
    var bar = event.target.closest ? event.target.closest("svg.rmd .rmd-bar") : null;
    var by = event.type === "mouseover" ? "mouse" : "focus";
    if (bar) { light(bar); litBy = by; }
    else if (lit.length && litBy === by) light(null);
  }
  document.addEventListener("mouseover", onPoint);
  document.addEventListener("focusin", onPoint);
  // Roadmap filters: with JavaScript, type and status chips filter in place and combine.
  (function roadmapFilters() {
  var filters = document.querySelector(".filters");
  if (!filters || !document.body.classList.contains("roadmap")) return;
  var chosen = {};
  function apply() {
    document.querySelectorAll("tr[data-type]").forEach(function (row) {
      var show = Object.keys(chosen).every(function (dim) { return row.dataset[dim] === chosen[dim]; });
      row.hidden = !show;
    });
    // Bars carry their type and status as classes (rmd-t-epic, rmd-s-done): dim the others.
    document.querySelectorAll("svg .rmd-bar").forEach(function (bar) {
      var show = Object.keys(chosen).every(function (dim) {
        return bar.classList.contains((dim === "type" ? "rmd-t-" : "rmd-s-") + chosen[dim]);
      });
      bar.style.opacity = show ? "" : "0.15";
    });
    filters.querySelectorAll("a.chip[data-dimension]").forEach(function (chip) {
      var on = chosen[chip.dataset.dimension] === chip.dataset.value;
      if (on) chip.setAttribute("aria-current", "true"); else chip.removeAttribute("aria-current");
    });
  }
  filters.addEventListener("click", function (event) {
    var chip = event.target.closest("a.chip[data-dimension]");
    // Teams are lanes, not bar properties: their chips stay plain links to the team's variant.
    if (!chip || chip.dataset.dimension === "team" || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var dim = chip.dataset.dimension;
    chosen[dim] = chosen[dim] === chip.dataset.value ? undefined : chip.dataset.value;
    if (chosen[dim] === undefined) delete chosen[dim];
    apply();
  });
  })();

  // Tables that sort: a click on a column heading of a table.sortable orders its rows by that
  // column (again: the other way). Without JavaScript the table stays as written.
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  function sortKey(cell) {
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
    var time = cell.querySelector("time[datetime]");
    return time ? time.getAttribute("datetime") : cell.textContent.trim();
  }
  function compareKeys(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (/^-?[\d.]+%?$/.test(a) && /^-?[\d.]+%?$/.test(b)) return x - y;
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);  // blanks last either way
    return collator.compare(a, b);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        Array.prototype.forEach.call(table.tBodies, function (body) {
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (r1, r2) {
            var a = sortKey(r1.cells[column]), b = sortKey(r2.cells[column]);
            var order = compareKeys(a, b);
            if (a === "" || b === "") return order;  // blanks stay last in both directions
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  });

  // Search: the header's "Search" link (to the full milestone table) becomes a search box over
  // the Pagefind bundle. The bundle is loaded on first use; where it cannot load (a build
  // without search, a page opened from disk) the box says so and offers the link again.
  var holder = document.querySelector(".site-search");
  if (!holder) return;
  var fallback = holder.querySelector("a");
  var base = new URL(holder.getAttribute("data-root") || "./", location.href);
  var FACETS = [["kind", "All kinds"], ["quarter", "All quarters"], ["team", "All teams"],
                ["type", "All types"], ["status", "All statuses"]];
  holder.innerHTML = "";
  var form = el("form", { role: "search", className: "search-form" });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  var label = el("label", { className: "visually-hidden", htmlFor: "site-search-q", textContent: "Search the roadmap" });
  var input = el("input", { id: "site-search-q", type: "search", className: "search-input", autocomplete: "off",
                            placeholder: "Search (press /)", spellcheck: false });
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) input.placeholder = "Search";  // no keyboard
  input.setAttribute("aria-controls", "site-search-panel");
  input.setAttribute("aria-keyshortcuts", "/");
  form.appendChild(label);
  form.appendChild(input);
  var panel = el("div", { id: "site-search-panel", className: "search-panel", hidden: true });
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Search results");
  var facets = el("div", { className: "search-filters" });
  var status = el("p", { className: "search-status" });
  status.setAttribute("role", "status");
  var list = el("ol", { className: "search-results" });
  var more = el("button", { type: "button", className: "search-more", hidden: true, textContent: "Show more results" });
  panel.appendChild(facets);
  panel.appendChild(status);
  panel.appendChild(list);
  panel.appendChild(more);
  holder.appendChild(form);
  holder.appendChild(panel);

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) { node[key] = props[key]; });
    return node;
  }
  var engine = null, loading = null, selects = {}, results = [], shown = 0, generation = 0;
  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
        var settings = { baseUrl: "/", excerptLength: 24, ranking: { pageLength: 0.3 } };
        pagefind.options(settings);
        // A large site's index comes in shards (okrsite/search/pagefind.py): merged into one search
        return fetch(new URL("pagefind/okrsite-shards.json", base).href).then(function (answer) {
          return answer.ok ? answer.json() : { shards: [] };
        }, function () { return { shards: [] }; }).then(function (listed) {
          return Promise.all((listed.shards || []).map(function (shard) {
            return pagefind.mergeIndex(new URL("pagefind/" + shard, base).href, settings);
          }));
        }).then(function () { return pagefind.filters(); }).then(function (available) {
          buildFacets(available || {});
          engine = pagefind;
          return pagefind;
        });
      });
      loading.catch(unavailable);
    }
    return loading;
  }
  function unavailable() {
    open();
    list.innerHTML = "";
    facets.innerHTML = "";
    status.textContent = "Search is not available here. ";
    var link = el("a", { href: fallback ? fallback.getAttribute("href") : "./", textContent: "Browse all milestones" });
    status.appendChild(link);
  }
  function buildFacets(available) {
    FACETS.forEach(function (facet) {
      var values = Object.keys(available[facet[0]] || {});
      if (!values.length) return;
      values.sort(function (a, b) { return facet[0] === "quarter" ? collator.compare(b, a) : collator.compare(a, b); });
      var select = el("select", { className: "search-filter", name: facet[0] });
      select.setAttribute("aria-label", "Filter by " + facet[0]);
      select.appendChild(el("option", { value: "", textContent: facet[1] }));
      values.forEach(function (value) { select.appendChild(el("option", { value: value, textContent: value })); });
      select.addEventListener("change", run);
      selects[facet[0]] = select;
      facets.appendChild(select);
    });
  }
  function chosenFilters() {
    var chosen = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) chosen[name] = selects[name].value; });
    return chosen;
  }
  function open() {
    panel.hidden = false;
  }
  function close() {
    panel.hidden = true;
    }
  function run() {
    var term = input.value.trim(), filters = chosenFilters(), mine = ++generation;
    open();
    load().then(function (pagefind) {
      if (!term && !Object.keys(filters).length) {
        list.innerHTML = "";
        more.hidden = true;
        status.textContent = "Type a word, or choose a filter.";
        return null;
      }
      status.textContent = "Searching…";
      return pagefind.search(term || null, { filters: filters }).then(function (search) {
        if (mine !== generation || !search) return;
        results = search.results;
        shown = 0;
        list.innerHTML = "";
        status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results")
                                            : "Nothing found.";
        showMore();
      });
    }).catch(function () {});
  }
  function showMore() {
    var batch = results.slice(shown, shown + 10), mine = generation;
    shown += batch.length;
    more.hidden = shown >= results.length;
    Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      if (mine !== generation) return;
      items.forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }
  more.addEventListener("click", showMore);
  function resultItem(data) {
    var meta = data.meta || {}, item = el("li", { className: "search-result" });
    var link = el("a", { href: new URL(String(data.url || "").replace(/^\/+/, ""), base).href });
    link.appendChild(el("span", { className: "badge kind", textContent: meta.kind || "" }));
    link.appendChild(document.createTextNode(" "));
    link.appendChild(el("bdi", { className: "search-title", textContent: meta.title || data.url }));
    item.appendChild(link);
    if (meta.context) {
      var context = el("span", { className: "search-context" });
      context.appendChild(el("bdi", { textContent: meta.context }));
      item.appendChild(context);
    }
    item.appendChild(excerpt(data.excerpt || ""));
    return item;
  }
  function excerpt(html) {
    // Only the text and the <mark>s of Pagefind's excerpt: parsed inert, rebuilt node by node.
    var parsed = new DOMParser().parseFromString("<p>" + html, "text/html").body, out = el("p", { className: "search-excerpt" });
    (function copy(from) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) out.appendChild(document.createTextNode(node.nodeValue));
        else if (node.nodeName === "MARK") out.appendChild(el("mark", { textContent: node.textContent }));
        else copy(node);
      });
    })(parsed);
    return out;
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  input.addEventListener("focus", function () { if (panel.hidden) run(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); input.blur(); }
    else if (event.key === "ArrowDown") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    else if (event.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target, typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) ||
        (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  document.addEventListener("click", function (event) {
    if (!holder.contains(event.target)) close();
  });
})();
