from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404-root.js'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_not_found = resolve('not_found')
    try:
        t_1 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '/* The site\'s folder is unknown (no base_url): find it. From the deepest folder of this address\n   up, ask for FOLDER/404.html; the first that answers 200 with this page\'s marker is the site\'s\n   root, and every link starting at "/" is moved under it. Requests stay inside the site: the\n   search stops at its root. Without JavaScript the links stay as they are (right on a host root). */\n(function () {\n  "use strict";\n  var marker = '
    yield escape(environment.finalize(t_1(context.eval_ctx, environment.getattr((undefined(name='not_found') if l_0_not_found is missing else l_0_not_found), 'marker'))))
    yield ';\n  var parts = location.pathname.split("/");\n  parts.pop();\n  var folders = [];\n  for (var i = parts.length; i > 1; i--) folders.push(parts.slice(0, i).join("/") + "/");\n  function move(root) {\n    document.querySelectorAll("a[href^=\'/\'], link[href^=\'/\']").forEach(function (el) {\n      el.setAttribute("href", root + el.getAttribute("href").slice(1));\n    });\n  }\n  function next(i) {\n    if (i >= folders.length) return;\n    fetch(folders[i] + "404.html", {cache: "no-store", credentials: "same-origin"})\n      .then(function (r) { return r.text().then(function (t) { return r.ok ? t : ""; }); })\n      .then(function (text) {\n        if (text.indexOf(marker) >= 0) move(folders[i]); else next(i + 1);\n      }, function () { next(i + 1); });\n  }\n  next(0);\n})();\n'

blocks = {}
debug_info = '7=19'
