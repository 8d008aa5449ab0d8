from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'milestone.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_badge = l_0_progress = l_0_milestone_groups = l_0_mentioned = missing
    pass
    parent_template = environment.get_template('base.html', 'milestone.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'milestone.html')._get_default_module(context)
    l_0_badge = getattr(included_template, 'badge', missing)
    if l_0_badge is missing:
        l_0_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'milestone.html') does not export the requested name 'badge'", name='badge')
    l_0_progress = getattr(included_template, 'progress', missing)
    if l_0_progress is missing:
        l_0_progress = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'milestone.html') does not export the requested name 'progress'", name='progress')
    l_0_milestone_groups = getattr(included_template, 'milestone_groups', missing)
    if l_0_milestone_groups is missing:
        l_0_milestone_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'milestone.html') does not export the requested name 'milestone_groups'", name='milestone_groups')
    l_0_mentioned = getattr(included_template, 'mentioned', missing)
    if l_0_mentioned is missing:
        l_0_mentioned = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'milestone.html') does not export the requested name 'mentioned'", name='mentioned')
    context.vars.update({'badge': l_0_badge, 'progress': l_0_progress, 'milestone_groups': l_0_milestone_groups, 'mentioned': l_0_mentioned})
    context.exported_vars.difference_update(('badge', 'progress', 'milestone_groups', 'mentioned'))
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_objectives = resolve('objectives')
    l_0_milestone = resolve('milestone')
    l_0_badge = resolve('badge')
    l_0_progress = resolve('progress')
    l_0_tasks = resolve('tasks')
    l_0_tasks_done = resolve('tasks_done')
    l_0_votes = resolve('votes')
    l_0_cluster = resolve('cluster')
    l_0_krs = resolve('krs')
    l_0_hypothesis = resolve('hypothesis')
    l_0_body = resolve('body')
    l_0_depends_on = resolve('depends_on')
    l_0_milestone_groups = resolve('milestone_groups')
    l_0_depended_on_by = resolve('depended_on_by')
    l_0_history = resolve('history')
    l_0_mentioned = resolve('mentioned')
    l_0_mentioned_in = resolve('mentioned_in')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<div class="page-head">\n  <p class="eyebrow">Milestone'
    for l_1_o in (undefined(name='objectives') if l_0_objectives is missing else l_0_objectives):
        _loop_vars = {}
        pass
        yield ' · <a href="'
        yield escape(environment.finalize(environment.getattr(l_1_o, 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_o, 'text')))
        yield '</a>'
    l_1_o = missing
    yield '</p>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'title')))
    yield '</h1>\n  <p class="meta">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'type'), _block_vars=_block_vars)))
    yield ' '
    yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'status'), _block_vars=_block_vars)))
    if environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'recent'):
        pass
        yield ' '
        yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'recent'), _block_vars=_block_vars)))
    yield '</p>\n</div>\n<dl class="facts">\n  <div><dt>When</dt><dd>'
    if environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'start'):
        pass
        yield '<time datetime="'
        yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'start')))
        yield '">'
        yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'dates')))
        yield '</time>'
    else:
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'dates')))
    if environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'sprints'):
        pass
        yield '<br><span class="muted">'
        yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'sprints')))
        yield '</span>'
    yield '</dd></div>\n'
    if environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'team'):
        pass
        yield '<div><dt>Team</dt><dd><a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'team'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'team'), 'text')))
        yield '</a></dd></div>'
    if environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'owner'):
        pass
        yield '<div><dt>Owner</dt><dd>'
        yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'owner')))
        yield '</dd></div>'
    yield '  <div><dt>Done</dt><dd><div class="progress-line">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_0_progress is missing else l_0_progress), environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'completion'), 'Completion', _block_vars=_block_vars)))
    yield '<span class="progress-value">'
    yield escape(environment.finalize(environment.getattr((undefined(name='milestone') if l_0_milestone is missing else l_0_milestone), 'completion')))
    yield '%</span></div>'
    if (undefined(name='tasks') if l_0_tasks is missing else l_0_tasks):
        pass
        yield '<span class="muted">'
        yield escape(environment.finalize((undefined(name='tasks_done') if l_0_tasks_done is missing else l_0_tasks_done)))
        yield ' of '
        yield escape(environment.finalize(t_1((undefined(name='tasks') if l_0_tasks is missing else l_0_tasks))))
        yield ' tasks done</span>'
    yield '</dd></div>\n'
    if (not t_2((undefined(name='votes') if l_0_votes is missing else l_0_votes))):
        pass
        yield '<div><dt>Votes</dt><dd>'
        yield escape(environment.finalize((undefined(name='votes') if l_0_votes is missing else l_0_votes)))
        yield '</dd></div>'
    if (undefined(name='cluster') if l_0_cluster is missing else l_0_cluster):
        pass
        yield '<div><dt>Cluster</dt><dd>'
        yield escape(environment.finalize((undefined(name='cluster') if l_0_cluster is missing else l_0_cluster)))
        yield '</dd></div>'
    yield '</dl>\n<section aria-labelledby="serves">\n  <h2 id="serves">Serves</h2>\n  <ul class="serves">\n'
    for l_1_kr in (undefined(name='krs') if l_0_krs is missing else l_0_krs):
        _loop_vars = {}
        pass
        yield '    <li><a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'link'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'link'), 'text')))
        yield '</a> <span class="muted">('
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'id')))
        yield ', '
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'progress')))
        yield '%) of <a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'objective'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'objective'), 'text')))
        yield '</a></span></li>\n'
    l_1_kr = missing
    yield '  </ul>\n'
    if (undefined(name='hypothesis') if l_0_hypothesis is missing else l_0_hypothesis):
        pass
        yield '<p>Tests the hypothesis <a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='hypothesis') if l_0_hypothesis is missing else l_0_hypothesis), 'link'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='hypothesis') if l_0_hypothesis is missing else l_0_hypothesis), 'link'), 'text')))
        yield '</a> '
        yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr((undefined(name='hypothesis') if l_0_hypothesis is missing else l_0_hypothesis), 'status'), _block_vars=_block_vars)))
        yield '</p>'
    yield '</section>\n'
    if (undefined(name='body') if l_0_body is missing else l_0_body):
        pass
        yield '<div class="prose">'
        yield escape(environment.finalize((undefined(name='body') if l_0_body is missing else l_0_body)))
        yield '</div>'
    yield '<section aria-labelledby="tasks">\n  <h2 id="tasks">Tasks</h2>\n'
    if (undefined(name='tasks') if l_0_tasks is missing else l_0_tasks):
        pass
        yield '  <ul class="tasks">\n'
        for l_1_t in (undefined(name='tasks') if l_0_tasks is missing else l_0_tasks):
            _loop_vars = {}
            pass
            yield '    <li id="'
            yield escape(environment.finalize(environment.getattr(l_1_t, 'anchor')))
            yield '" class="task'
            if environment.getattr(l_1_t, 'done'):
                pass
                yield ' done'
            yield '">\n      <span class="task-title">'
            yield escape(environment.finalize(environment.getattr(l_1_t, 'title')))
            yield '</span> '
            yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr(l_1_t, 'status'), _loop_vars=_loop_vars)))
            yield '\n'
            if environment.getattr(l_1_t, 'meta'):
                pass
                yield '<span class="muted">'
                yield escape(environment.finalize(environment.getattr(l_1_t, 'meta')))
                yield '</span>'
            if environment.getattr(l_1_t, 'edit'):
                pass
                yield ' <a class="muted" href="'
                yield escape(environment.finalize(environment.getattr(l_1_t, 'edit')))
                yield '">edit</a>'
            if environment.getattr(l_1_t, 'description'):
                pass
                yield '<div class="prose">'
                yield escape(environment.finalize(environment.getattr(l_1_t, 'description')))
                yield '</div>'
            yield '    </li>\n'
        l_1_t = missing
        yield '  </ul>\n'
    else:
        pass
        yield '  <p class="empty">No tasks yet.</p>\n'
    yield '</section>\n<section aria-labelledby="dependencies">\n  <h2 id="dependencies">Dependencies</h2>\n'
    if environment.getattr((undefined(name='depends_on') if l_0_depends_on is missing else l_0_depends_on), 'total'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), (undefined(name='depends_on') if l_0_depends_on is missing else l_0_depends_on), False, _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="muted">Depends on no other milestone.</p>'
    if environment.getattr((undefined(name='depended_on_by') if l_0_depended_on_by is missing else l_0_depended_on_by), 'total'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), (undefined(name='depended_on_by') if l_0_depended_on_by is missing else l_0_depended_on_by), False, _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="muted">No milestone depends on this one.</p>'
    yield '</section>\n'
    if (undefined(name='history') if l_0_history is missing else l_0_history):
        pass
        yield '<section aria-labelledby="history">\n  <h2 id="history">History</h2>\n'
        if environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'):
            pass
            yield '  <p class="baseline'
            if environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'late'):
                pass
                yield ' late'
            yield '">Baseline ('
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'quarter')))
            yield ' plan, committed <a href="'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'committed_href')))
            yield '"><time datetime="'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'committed_iso')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'committed')))
            yield '</time></a>): <time datetime="'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'start')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'dates')))
            yield '</time>. Now: <strong>'
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'baseline'), 'drift')))
            yield '</strong>.</p>\n'
        if environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'rows'):
            pass
            yield '  <ul class="changes">\n'
            for l_1_r in environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'rows'):
                _loop_vars = {}
                pass
                yield '<li><a href="'
                yield escape(environment.finalize(environment.getattr(l_1_r, 'href')))
                yield '"><time datetime="'
                yield escape(environment.finalize(environment.getattr(l_1_r, 'iso')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_1_r, 'date')))
                yield '</time></a>: '
                yield escape(environment.finalize(environment.getattr(l_1_r, 'what')))
                yield '</li>'
            l_1_r = missing
            yield '  </ul>\n'
            if environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'older'):
                pass
                yield '<p class="muted">and '
                yield escape(environment.finalize(environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'older')))
                yield ' earlier change'
                if (environment.getattr((undefined(name='history') if l_0_history is missing else l_0_history), 'older') != 1):
                    pass
                    yield 's'
                yield '</p>'
        yield '</section>\n'
    yield escape(environment.finalize(environment.call(context, (undefined(name='mentioned') if l_0_mentioned is missing else l_0_mentioned), (undefined(name='mentioned_in') if l_0_mentioned_in is missing else l_0_mentioned_in), _block_vars=_block_vars)))
    yield '\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=33&5=71&6=81&7=83&10=91&11=107&12=114&13=120&14=132&15=137&20=143&21=147&24=161&26=171&29=177&31=180&32=184&33=190&34=194&35=199&36=204&46=216&47=222&49=229&52=232&53=235&55=253&57=256&59=270&63=280'
