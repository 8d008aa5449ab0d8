/* The site's folder is unknown (no base_url): find it. From the deepest folder of this address
   up, ask for FOLDER/404.html; the first that answers 200 with this page's marker is the site's
   root, and every link starting at "/" is moved under it. Requests stay inside the site: the
   search stops at its root. Without JavaScript the links stay as they are (right on a host root). */
(function () {
  "use strict";
  var marker = {{ not_found.marker|tojson }};
  var parts = location.pathname.split("/");
  parts.pop();
  var folders = [];
  for (var i = parts.length; i > 1; i--) folders.push(parts.slice(0, i).join("/") + "/");
  function move(root) {
    document.querySelectorAll("a[href^='/'], link[href^='/']").forEach(function (el) {
      el.setAttribute("href", root + el.getAttribute("href").slice(1));
    });
  }
  function next(i) {
    if (i >= folders.length) return;
    fetch(folders[i] + "404.html", {cache: "no-store", credentials: "same-origin"})
      .then(function (r) { return r.text().then(function (t) { return r.ok ? t : ""; }); })
      .then(function (text) {
        if (text.indexOf(marker) >= 0) move(folders[i]); else next(i + 1);
      }, function () { next(i + 1); });
  }
  next(0);
})();
