from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_not_found = resolve('not_found')
    pass
    yield '<div class="page-head">\n  <h1>Page not found</h1>\n  <p class="lead">This page does not exist, or the objective or milestone it showed was renamed or removed.</p>\n</div>\n<p><a href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'home')))
    yield '">Go to the current quarter</a>, or pick a section:</p>\n<ul>\n'
    for l_1_item in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'nav'):
        _loop_vars = {}
        pass
        yield '<li><a href="'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'text')))
        yield '</a></li>'
    l_1_item = missing
    yield '</ul>\n'
    if environment.getattr((undefined(name='not_found') if l_0_not_found is missing else l_0_not_found), 'root_guessed'):
        pass
        yield '<noscript><p class="muted">These links assume the site is at the root of this address. If it is published\nin a folder (like /roadmap/ on GitHub Pages), they may lead nowhere: use your browser\'s back button, or ask\nthe site\'s maintainers to set <code>base_url</code> in okrsite.yaml, which tells this page where the site is.</p></noscript>\n'

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_not_found = resolve('not_found')
    pass
    if environment.getattr((undefined(name='not_found') if l_0_not_found is missing else l_0_not_found), 'root_guessed'):
        pass
        yield '<script>'
        template = environment.get_template('404-root.js', '404.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</script>\n'

blocks = {'content': block_content, 'scripts': block_scripts}
debug_info = '1=12&2=17&7=28&9=30&11=40&17=44&18=53&19=56'
