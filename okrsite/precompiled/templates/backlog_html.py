from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'backlog.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_badge = l_0_group_note = missing
    pass
    parent_template = environment.get_template('base.html', 'backlog.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'backlog.html')._get_default_module(context)
    l_0_badge = getattr(included_template, 'badge', missing)
    if l_0_badge is missing:
        l_0_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'backlog.html') does not export the requested name 'badge'", name='badge')
    l_0_group_note = getattr(included_template, 'group_note', missing)
    if l_0_group_note is missing:
        l_0_group_note = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'backlog.html') does not export the requested name 'group_note'", name='group_note')
    context.vars.update({'badge': l_0_badge, 'group_note': l_0_group_note})
    context.exported_vars.difference_update(('badge', 'group_note'))
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'backlog'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_total = resolve('total')
    l_0_candidates = resolve('candidates')
    l_0_unscheduled = resolve('unscheduled')
    l_0_votes = resolve('votes')
    l_0_switch = resolve('switch')
    l_0_groups = resolve('groups')
    l_0_all_milestones_href = resolve('all_milestones_href')
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<div class="page-head">\n  <h1>Backlog</h1>\n  <p class="lead">'
    if (undefined(name='total') if l_0_total is missing else l_0_total):
        pass
        yield escape(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
        yield ' milestone'
        if ((undefined(name='total') if l_0_total is missing else l_0_total) != 1):
            pass
            yield 's'
        yield ' wait'
        if ((undefined(name='total') if l_0_total is missing else l_0_total) == 1):
            pass
            yield 's'
        yield ' for a slot'
        if (undefined(name='candidates') if l_0_candidates is missing else l_0_candidates):
            pass
            yield ': '
            yield escape(environment.finalize((undefined(name='candidates') if l_0_candidates is missing else l_0_candidates)))
            yield ' candidate'
            if ((undefined(name='candidates') if l_0_candidates is missing else l_0_candidates) != 1):
                pass
                yield 's'
            yield ' from workshops and '
            yield escape(environment.finalize((undefined(name='unscheduled') if l_0_unscheduled is missing else l_0_unscheduled)))
            yield ' unscheduled'
        yield ', with '
        yield escape(environment.finalize((undefined(name='votes') if l_0_votes is missing else l_0_votes)))
        yield ' vote'
        if ((undefined(name='votes') if l_0_votes is missing else l_0_votes) != 1):
            pass
            yield 's'
        yield '. Most voted first.'
    else:
        pass
        yield 'Nothing waits for a slot: every open milestone is scheduled.'
    yield '</p>\n</div>\n'
    if (undefined(name='total') if l_0_total is missing else l_0_total):
        pass
        yield '<nav class="switch" aria-label="Group the backlog">\n  <span class="filter-name">Group by</span>\n  <ul>'
        for l_1_s in (undefined(name='switch') if l_0_switch is missing else l_0_switch):
            _loop_vars = {}
            pass
            yield '<li><a class="chip" href="'
            yield escape(environment.finalize(environment.getattr(l_1_s, 'href')))
            yield '"'
            if environment.getattr(l_1_s, 'current'):
                pass
                yield ' aria-current="page"'
            yield '>'
            yield escape(environment.finalize(environment.getattr(l_1_s, 'text')))
            yield '</a></li>'
        l_1_s = missing
        yield '</ul>\n</nav>\n'
        l_1_loop = missing
        for l_1_grp, l_1_loop in LoopContext((undefined(name='groups') if l_0_groups is missing else l_0_groups), undefined):
            l_1_badge = resolve('badge')
            l_1_show_objective = resolve('show_objective')
            _loop_vars = {}
            pass
            yield '<details class="group backlog-group"'
            if environment.getattr(l_1_grp, 'open'):
                pass
                yield ' open'
            yield '>\n  <summary><span class="group-label">'
            yield escape(environment.finalize(environment.getattr(l_1_grp, 'label')))
            yield '</span> <span class="muted">('
            yield escape(environment.finalize(environment.getattr(l_1_grp, 'count')))
            yield ' milestone'
            if (environment.getattr(l_1_grp, 'count') != 1):
                pass
                yield 's'
            yield ' · '
            yield escape(environment.finalize(environment.getattr(l_1_grp, 'votes')))
            yield ' vote'
            if (environment.getattr(l_1_grp, 'votes') != 1):
                pass
                yield 's'
            if environment.getattr(l_1_grp, 'about'):
                pass
                yield ' · '
                yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_grp, 'about'), 'objective'), 'text')))
            yield ')</span></summary>\n'
            if environment.getattr(l_1_grp, 'about'):
                pass
                yield '<p class="meta">'
                yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_1_badge is missing else l_1_badge), environment.getattr(environment.getattr(l_1_grp, 'about'), 'status'), _loop_vars=_loop_vars)))
                yield ' <a href="'
                yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_grp, 'about'), 'link'), 'href')))
                yield '">Hypothesis</a> of <a href="'
                yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_grp, 'about'), 'objective'), 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_grp, 'about'), 'objective'), 'text')))
                yield '</a></p>'
            yield '  <div class="table-scroll">\n  <table class="milestones backlog">\n    <caption class="visually-hidden">'
            yield escape(environment.finalize(environment.getattr(l_1_grp, 'caption')))
            yield '</caption>\n    <thead><tr><th scope="col" class="col-votes">Votes</th><th scope="col">Milestone</th><th scope="col" class="col-type">Type</th><th scope="col" class="col-status">Status</th><th scope="col" class="col-team">Team</th>'
            if (undefined(name='show_objective') if l_1_show_objective is missing else l_1_show_objective):
                pass
                yield '<th scope="col">Objective</th>'
            yield '</tr></thead>\n    <tbody>\n'
            l_2_loop = missing
            for l_2_m, l_2_loop in LoopContext(environment.getattr(l_1_grp, 'rows'), undefined):
                _loop_vars = {}
                pass
                yield '      <tr>\n        <td class="num votes">'
                if (not t_1(environment.getattr(l_2_m, 'votes'))):
                    pass
                    yield escape(environment.finalize(environment.getattr(l_2_m, 'votes')))
                else:
                    pass
                    yield '–'
                yield '</td>\n        <th scope="row"><a href="'
                yield escape(environment.finalize(environment.getattr(l_2_m, 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_m, 'title')))
                yield '</a></th>\n        <td><span class="badge '
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'class')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'label')))
                yield '</span></td>\n        <td><span class="badge '
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'class')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'label')))
                yield '</span></td>\n        <td class="team">'
                if environment.getattr(l_2_m, 'team'):
                    pass
                    yield '<a href="'
                    yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'team'), 'href')))
                    yield '">'
                    yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'team'), 'text')))
                    yield '</a>'
                yield '</td>\n'
                if (undefined(name='show_objective') if l_1_show_objective is missing else l_1_show_objective):
                    pass
                    yield '<td>'
                    l_3_loop = missing
                    for l_3_o, l_3_loop in LoopContext(environment.getattr(l_2_m, 'objectives'), undefined):
                        _loop_vars = {}
                        pass
                        yield '<a href="'
                        yield escape(environment.finalize(environment.getattr(l_3_o, 'href')))
                        yield '">'
                        yield escape(environment.finalize(environment.getattr(l_3_o, 'text')))
                        yield '</a>'
                        if (not environment.getattr(l_3_loop, 'last')):
                            pass
                            yield '; '
                    l_3_loop = l_3_o = missing
                    yield '</td>'
                yield '      </tr>\n'
            l_2_loop = l_2_m = missing
            yield '    </tbody>\n  </table>\n  </div>\n</details>\n'
        l_1_loop = l_1_grp = l_1_badge = l_1_show_objective = missing
    yield '<p class="more"><a href="'
    yield escape(environment.finalize((undefined(name='all_milestones_href') if l_0_all_milestones_href is missing else l_0_all_milestones_href)))
    yield '">All milestones in one table</a></p>\n'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=13&2=16&3=27&4=37&7=59&9=93&12=96&14=111&15=117&16=121&17=139&20=151&21=153&23=158&25=162&26=169&27=173&28=177&29=181&30=189&39=211'
