from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'milestones.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_milestone_table = missing
    pass
    parent_template = environment.get_template('base.html', 'milestones.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'milestones.html')._get_default_module(context)
    l_0_milestone_table = getattr(included_template, 'milestone_table', missing)
    if l_0_milestone_table is missing:
        l_0_milestone_table = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'milestones.html') does not export the requested name 'milestone_table'", name='milestone_table')
    context.vars['milestone_table'] = l_0_milestone_table
    context.exported_vars.discard('milestone_table')
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'all-milestones'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_total = resolve('total')
    l_0_unscheduled = resolve('unscheduled')
    l_0_backlog_href = resolve('backlog_href')
    l_0_milestone_table = resolve('milestone_table')
    l_0_milestones = resolve('milestones')
    l_0_caption = resolve('caption')
    pass
    yield '<div class="page-head">\n  <h1>All milestones</h1>\n  <p class="lead">'
    yield escape(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
    yield ' milestone'
    if ((undefined(name='total') if l_0_total is missing else l_0_total) != 1):
        pass
        yield 's'
    yield ', newest first'
    if (undefined(name='unscheduled') if l_0_unscheduled is missing else l_0_unscheduled):
        pass
        yield '; the '
        yield escape(environment.finalize((undefined(name='unscheduled') if l_0_unscheduled is missing else l_0_unscheduled)))
        yield ' not scheduled yet are last (and in the <a href="'
        yield escape(environment.finalize((undefined(name='backlog_href') if l_0_backlog_href is missing else l_0_backlog_href)))
        yield '">backlog</a>)'
    yield ". Use your browser's find to look for one.</p>\n</div>\n"
    if (undefined(name='total') if l_0_total is missing else l_0_total):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_table') if l_0_milestone_table is missing else l_0_milestone_table), (undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), (undefined(name='caption') if l_0_caption is missing else l_0_caption), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No milestones yet.</p>'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=13&2=16&3=24&4=34&7=49&9=63'
