from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'team.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_objective_groups = l_0_milestone_groups = l_0_mentioned = missing
    pass
    parent_template = environment.get_template('base.html', 'team.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'team.html')._get_default_module(context)
    l_0_objective_groups = getattr(included_template, 'objective_groups', missing)
    if l_0_objective_groups is missing:
        l_0_objective_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'team.html') does not export the requested name 'objective_groups'", name='objective_groups')
    l_0_milestone_groups = getattr(included_template, 'milestone_groups', missing)
    if l_0_milestone_groups is missing:
        l_0_milestone_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'team.html') does not export the requested name 'milestone_groups'", name='milestone_groups')
    l_0_mentioned = getattr(included_template, 'mentioned', missing)
    if l_0_mentioned is missing:
        l_0_mentioned = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'team.html') does not export the requested name 'mentioned'", name='mentioned')
    context.vars.update({'objective_groups': l_0_objective_groups, 'milestone_groups': l_0_milestone_groups, 'mentioned': l_0_mentioned})
    context.exported_vars.difference_update(('objective_groups', 'milestone_groups', 'mentioned'))
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_team = resolve('team')
    l_0_body = resolve('body')
    l_0_objectives = resolve('objectives')
    l_0_objective_groups = resolve('objective_groups')
    l_0_milestones = resolve('milestones')
    l_0_roadmap_href = resolve('roadmap_href')
    l_0_milestone_groups = resolve('milestone_groups')
    l_0_mentioned = resolve('mentioned')
    l_0_mentioned_in = resolve('mentioned_in')
    pass
    yield '<div class="page-head">\n  <p class="eyebrow">Team</p>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='team') if l_0_team is missing else l_0_team), 'name')))
    yield '</h1>\n'
    if environment.getattr((undefined(name='team') if l_0_team is missing else l_0_team), 'lead'):
        pass
        yield '<p class="meta">Lead: '
        yield escape(environment.finalize(environment.getattr((undefined(name='team') if l_0_team is missing else l_0_team), 'lead')))
        yield '</p>'
    yield '</div>\n'
    if (undefined(name='body') if l_0_body is missing else l_0_body):
        pass
        yield '<div class="prose">'
        yield escape(environment.finalize((undefined(name='body') if l_0_body is missing else l_0_body)))
        yield '</div>'
    if environment.getattr((undefined(name='team') if l_0_team is missing else l_0_team), 'members'):
        pass
        yield '<section aria-labelledby="members"><h2 id="members">Members</h2>\n<ul class="members">'
        for l_1_m in environment.getattr((undefined(name='team') if l_0_team is missing else l_0_team), 'members'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(l_1_m))
            yield '</li>'
        l_1_m = missing
        yield '</ul></section>\n'
    yield '<section aria-labelledby="objectives">\n  <h2 id="objectives">Objectives <span class="muted">('
    yield escape(environment.finalize(environment.getattr((undefined(name='objectives') if l_0_objectives is missing else l_0_objectives), 'total')))
    yield ', newest first)</span></h2>\n'
    if environment.getattr((undefined(name='objectives') if l_0_objectives is missing else l_0_objectives), 'total'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='objective_groups') if l_0_objective_groups is missing else l_0_objective_groups), (undefined(name='objectives') if l_0_objectives is missing else l_0_objectives), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No objectives.</p>'
    yield '</section>\n<section aria-labelledby="milestones">\n  <h2 id="milestones">Milestones <span class="muted">('
    yield escape(environment.finalize(environment.getattr((undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), 'total')))
    yield ', newest first)</span></h2>\n  <p><a href="'
    yield escape(environment.finalize((undefined(name='roadmap_href') if l_0_roadmap_href is missing else l_0_roadmap_href)))
    yield '">This team on the roadmap</a></p>\n'
    if environment.getattr((undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), 'total'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), (undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), True, False, _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No milestones.</p>'
    yield '</section>\n'
    yield escape(environment.finalize(environment.call(context, (undefined(name='mentioned') if l_0_mentioned is missing else l_0_mentioned), (undefined(name='mentioned_in') if l_0_mentioned_in is missing else l_0_mentioned_in), _block_vars=_block_vars)))
    yield '\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=30&6=48&7=50&9=56&10=61&12=64&15=73&16=75&19=82&20=84&21=86&23=93'
