from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'pages.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'pages.html')
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
    l_0_pages = resolve('pages')
    pass
    yield '<div class="page-head"><h1>Pages</h1></div>\n<ul class="page-list">\n'
    for l_1_p in (undefined(name='pages') if l_0_pages is missing else l_0_pages):
        _loop_vars = {}
        pass
        yield '  <li><a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'link'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'link'), 'text')))
        yield '</a>'
        if environment.getattr(l_1_p, 'description'):
            pass
            yield ' <span class="muted">— '
            yield escape(environment.finalize(environment.getattr(l_1_p, 'description')))
            yield '</span>'
        yield '</li>\n'
    l_1_p = missing
    yield '</ul>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&5=27&6=31'
