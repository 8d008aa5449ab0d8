from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_objective_cards = l_0_objective_groups = l_0_milestone_groups = l_0_diagram = l_0_progress = l_0_period_objectives = missing
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'home.html')._get_default_module(context)
    l_0_objective_cards = getattr(included_template, 'objective_cards', missing)
    if l_0_objective_cards is missing:
        l_0_objective_cards = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'objective_cards'", name='objective_cards')
    l_0_objective_groups = getattr(included_template, 'objective_groups', missing)
    if l_0_objective_groups is missing:
        l_0_objective_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'objective_groups'", name='objective_groups')
    l_0_milestone_groups = getattr(included_template, 'milestone_groups', missing)
    if l_0_milestone_groups is missing:
        l_0_milestone_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'milestone_groups'", name='milestone_groups')
    l_0_diagram = getattr(included_template, 'diagram', missing)
    if l_0_diagram is missing:
        l_0_diagram = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'diagram'", name='diagram')
    l_0_progress = getattr(included_template, 'progress', missing)
    if l_0_progress is missing:
        l_0_progress = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'progress'", name='progress')
    l_0_period_objectives = getattr(included_template, 'period_objectives', missing)
    if l_0_period_objectives is missing:
        l_0_period_objectives = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'period_objectives'", name='period_objectives')
    context.vars.update({'objective_cards': l_0_objective_cards, 'objective_groups': l_0_objective_groups, 'milestone_groups': l_0_milestone_groups, 'diagram': l_0_diagram, 'progress': l_0_progress, 'period_objectives': l_0_period_objectives})
    context.exported_vars.difference_update(('objective_cards', 'objective_groups', 'milestone_groups', 'diagram', 'progress', 'period_objectives'))
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'home'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_quarter = resolve('quarter')
    l_0_site = resolve('site')
    l_0_period_objectives = resolve('period_objectives')
    l_0_objective_groups = resolve('objective_groups')
    l_0_diagram = resolve('diagram')
    l_0_attention = resolve('attention')
    l_0_milestone_groups = resolve('milestone_groups')
    l_0_checkins = resolve('checkins')
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<div class="page-head">\n  <p class="eyebrow">Current quarter · '
    yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'dates')))
    yield '</p>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield ': '
    yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'name')))
    yield '</h1>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'):
        pass
        yield '<p class="lead">'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description')))
        yield '</p>'
    yield '</div>\n'
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
        yield '<p class="empty">No objectives in '
        yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'name')))
        yield ' yet.</p>'
    yield '</section>\n<section aria-labelledby="roadmap">\n  <h2 id="roadmap">Roadmap</h2>\n  '
    yield escape(environment.finalize(environment.call(context, (undefined(name='diagram') if l_0_diagram is missing else l_0_diagram), (undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), _block_vars=_block_vars)))
    yield '\n</section>\n'
    if environment.getattr((undefined(name='attention') if l_0_attention is missing else l_0_attention), 'total'):
        pass
        yield '<section aria-labelledby="attention">\n  <h2 id="attention">Needs attention <span class="muted">('
        yield escape(environment.finalize(environment.getattr((undefined(name='attention') if l_0_attention is missing else l_0_attention), 'total')))
        yield ')</span></h2>\n  '
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), (undefined(name='attention') if l_0_attention is missing else l_0_attention), _block_vars=_block_vars)))
        yield '\n</section>\n'
    if (undefined(name='checkins') if l_0_checkins is missing else l_0_checkins):
        pass
        yield '<section aria-labelledby="checkins">\n  <h2 id="checkins">Recent check-ins</h2>\n  <ul class="checkins">\n'
        for l_1_c in (undefined(name='checkins') if l_0_checkins is missing else l_0_checkins):
            _loop_vars = {}
            pass
            yield '    <li><time datetime="'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'iso')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'date')))
            yield '</time> · <a href="'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'kr'), 'href')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'kr'), 'text')))
            yield '</a>: <strong>'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'value')))
            yield '</strong>'
            if (not t_1(environment.getattr(l_1_c, 'confidence'))):
                pass
                yield ' <span class="muted">(confidence '
                yield escape(environment.finalize(environment.getattr(l_1_c, 'confidence')))
                yield '%)</span>'
            if environment.getattr(l_1_c, 'note'):
                pass
                yield ' — '
                yield escape(environment.finalize(environment.getattr(l_1_c, 'note')))
            yield '</li>\n'
        l_1_c = missing
        yield '  </ul>\n</section>\n'
    yield '<section aria-labelledby="all-milestones">\n  <h2 id="all-milestones">Milestones this quarter <span class="muted">('
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestone_groups'), 'all')))
    yield ')</span></h2>\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestones'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestone_groups'), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No milestones in '
        yield escape(environment.finalize(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'name')))
        yield ' yet.</p>'
    yield '</section>\n'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=13&2=16&3=39&4=49&6=72&7=74&8=78&10=84&11=86&14=89&15=91&19=100&21=102&23=105&24=107&27=109&31=112&32=116&38=139&39=141'
