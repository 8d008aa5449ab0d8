from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'quarter.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_objective_cards = l_0_objective_groups = l_0_milestone_groups = l_0_milestone_list_groups = l_0_diagram = l_0_review = l_0_period_objectives = missing
    pass
    parent_template = environment.get_template('base.html', 'quarter.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'quarter.html')._get_default_module(context)
    l_0_objective_cards = getattr(included_template, 'objective_cards', missing)
    if l_0_objective_cards is missing:
        l_0_objective_cards = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'objective_cards'", name='objective_cards')
    l_0_objective_groups = getattr(included_template, 'objective_groups', missing)
    if l_0_objective_groups is missing:
        l_0_objective_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'objective_groups'", name='objective_groups')
    l_0_milestone_groups = getattr(included_template, 'milestone_groups', missing)
    if l_0_milestone_groups is missing:
        l_0_milestone_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'milestone_groups'", name='milestone_groups')
    l_0_milestone_list_groups = getattr(included_template, 'milestone_list_groups', missing)
    if l_0_milestone_list_groups is missing:
        l_0_milestone_list_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'milestone_list_groups'", name='milestone_list_groups')
    l_0_diagram = getattr(included_template, 'diagram', missing)
    if l_0_diagram is missing:
        l_0_diagram = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'diagram'", name='diagram')
    l_0_review = getattr(included_template, 'review', missing)
    if l_0_review is missing:
        l_0_review = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'review'", name='review')
    l_0_period_objectives = getattr(included_template, 'period_objectives', missing)
    if l_0_period_objectives is missing:
        l_0_period_objectives = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarter.html') does not export the requested name 'period_objectives'", name='period_objectives')
    context.vars.update({'objective_cards': l_0_objective_cards, 'objective_groups': l_0_objective_groups, 'milestone_groups': l_0_milestone_groups, 'milestone_list_groups': l_0_milestone_list_groups, 'diagram': l_0_diagram, 'review': l_0_review, 'period_objectives': l_0_period_objectives})
    context.exported_vars.difference_update(('objective_cards', 'objective_groups', 'milestone_groups', 'milestone_list_groups', 'diagram', 'review', 'period_objectives'))
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_quarters_href = resolve('quarters_href')
    l_0_quarter = resolve('quarter')
    l_0_review = resolve('review')
    l_0_period_objectives = resolve('period_objectives')
    l_0_objective_groups = resolve('objective_groups')
    l_0_diagram = resolve('diagram')
    l_0_milestone_groups = resolve('milestone_groups')
    l_0_milestone_list_groups = resolve('milestone_list_groups')
    pass
    yield '<div class="page-head">\n  <p class="eyebrow"><a href="'
    yield escape(environment.finalize((undefined(name='quarters_href') if l_0_quarters_href is missing else l_0_quarters_href)))
    yield '">Quarters</a> · '
    yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'dates')))
    yield '</p>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'name')))
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'current'):
        pass
        yield ' <span class="badge status-current">Now</span>'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'review'):
        pass
        yield ' <span class="badge status-review">Review</span>'
    yield '</h1>\n</div>\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'review'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='review') if l_0_review is missing else l_0_review), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'review'), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'name'), _block_vars=_block_vars)))
        yield '\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'period_objectives'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='period_objectives') if l_0_period_objectives is missing else l_0_period_objectives), (undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), _block_vars=_block_vars)))
        yield '\n'
    yield '<section aria-labelledby="objectives">\n  <h2 id="objectives">Objectives <span class="muted">· '
    yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'progress')))
    yield '% overall</span></h2>\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'objectives'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='objective_groups') if l_0_objective_groups is missing else l_0_objective_groups), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'objective_groups'), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'objective_layout'), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No objectives in this quarter.</p>'
    yield '</section>\n<section aria-labelledby="roadmap">\n  <h2 id="roadmap">Roadmap</h2>\n  '
    yield escape(environment.finalize(environment.call(context, (undefined(name='diagram') if l_0_diagram is missing else l_0_diagram), (undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), _block_vars=_block_vars)))
    yield '\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestones'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestone_groups'), _block_vars=_block_vars)))
    yield '</section>\n<section aria-labelledby="by-type">\n  <h2 id="by-type">Milestones by type</h2>\n'
    if environment.getattr(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'by_type'), 'all'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_list_groups') if l_0_milestone_list_groups is missing else l_0_milestone_list_groups), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'by_type'), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No milestones in this quarter.</p>'
    yield '</section>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=42&5=59&6=63&8=71&9=73&11=75&12=77&15=80&16=82&20=89&21=91&25=95'
