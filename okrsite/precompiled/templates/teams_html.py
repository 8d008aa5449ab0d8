from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'teams.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'teams.html')
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
    l_0_teams = resolve('teams')
    pass
    yield '<div class="page-head"><h1>Teams</h1></div>\n<ul class="cards">\n'
    for l_1_t in (undefined(name='teams') if l_0_teams is missing else l_0_teams):
        _loop_vars = {}
        pass
        yield '  <li class="card">\n    <h2 class="card-title"><a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_t, 'link'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_t, 'link'), 'text')))
        yield '</a></h2>\n    <p class="meta">'
        if environment.getattr(l_1_t, 'lead'):
            pass
            yield 'Lead: '
            yield escape(environment.finalize(environment.getattr(l_1_t, 'lead')))
            yield ' · '
        yield escape(environment.finalize(environment.getattr(l_1_t, 'members')))
        yield ' member'
        if (environment.getattr(l_1_t, 'members') != 1):
            pass
            yield 's'
        yield '</p>\n    <p>'
        yield escape(environment.finalize(environment.getattr(l_1_t, 'objectives')))
        yield ' objective'
        if (environment.getattr(l_1_t, 'objectives') != 1):
            pass
            yield 's'
        yield ' · '
        yield escape(environment.finalize(environment.getattr(l_1_t, 'milestones')))
        yield ' milestone'
        if (environment.getattr(l_1_t, 'milestones') != 1):
            pass
            yield 's'
        yield ' ('
        yield escape(environment.finalize(environment.getattr(l_1_t, 'open')))
        yield ' open)</p>\n  </li>\n'
    l_1_t = missing
    yield '</ul>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&5=27&7=31&8=35&9=46'
