from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_mentioned = missing
    pass
    parent_template = environment.get_template('base.html', 'page.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'page.html')._get_default_module(context)
    l_0_mentioned = getattr(included_template, 'mentioned', missing)
    if l_0_mentioned is missing:
        l_0_mentioned = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'page.html') does not export the requested name 'mentioned'", name='mentioned')
    context.vars['mentioned'] = l_0_mentioned
    context.exported_vars.discard('mentioned')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_body = resolve('body')
    l_0_mentioned = resolve('mentioned')
    l_0_mentioned_in = resolve('mentioned_in')
    pass
    yield '<div class="page-head"><h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title')))
    yield '</h1>'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'):
        pass
        yield '<p class="lead">'
        yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description')))
        yield '</p>'
    yield '</div>\n<div class="prose">'
    yield escape(environment.finalize((undefined(name='body') if l_0_body is missing else l_0_body)))
    yield '</div>\n'
    yield escape(environment.finalize(environment.call(context, (undefined(name='mentioned') if l_0_mentioned is missing else l_0_mentioned), (undefined(name='mentioned_in') if l_0_mentioned_in is missing else l_0_mentioned_in), _block_vars=_block_vars)))
    yield '\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=24&4=37&5=45&6=47'
