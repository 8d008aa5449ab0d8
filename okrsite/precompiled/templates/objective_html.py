from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'objective.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_badge = l_0_progress = l_0_milestone_groups = l_0_milestone_list_groups = l_0_mentioned = l_0_planning_meta = l_0_grade_badge = missing
    pass
    parent_template = environment.get_template('base.html', 'objective.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'objective.html')._get_default_module(context)
    l_0_badge = getattr(included_template, 'badge', missing)
    if l_0_badge is missing:
        l_0_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'badge'", name='badge')
    l_0_progress = getattr(included_template, 'progress', missing)
    if l_0_progress is missing:
        l_0_progress = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'progress'", name='progress')
    l_0_milestone_groups = getattr(included_template, 'milestone_groups', missing)
    if l_0_milestone_groups is missing:
        l_0_milestone_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'milestone_groups'", name='milestone_groups')
    l_0_milestone_list_groups = getattr(included_template, 'milestone_list_groups', missing)
    if l_0_milestone_list_groups is missing:
        l_0_milestone_list_groups = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'milestone_list_groups'", name='milestone_list_groups')
    l_0_mentioned = getattr(included_template, 'mentioned', missing)
    if l_0_mentioned is missing:
        l_0_mentioned = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'mentioned'", name='mentioned')
    l_0_planning_meta = getattr(included_template, 'planning_meta', missing)
    if l_0_planning_meta is missing:
        l_0_planning_meta = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'planning_meta'", name='planning_meta')
    l_0_grade_badge = getattr(included_template, 'grade_badge', missing)
    if l_0_grade_badge is missing:
        l_0_grade_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'objective.html') does not export the requested name 'grade_badge'", name='grade_badge')
    context.vars.update({'badge': l_0_badge, 'progress': l_0_progress, 'milestone_groups': l_0_milestone_groups, 'milestone_list_groups': l_0_milestone_list_groups, 'mentioned': l_0_mentioned, 'planning_meta': l_0_planning_meta, 'grade_badge': l_0_grade_badge})
    context.exported_vars.difference_update(('badge', 'progress', 'milestone_groups', 'milestone_list_groups', 'mentioned', 'planning_meta', 'grade_badge'))
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_quarter_href = resolve('quarter_href')
    l_0_objective = resolve('objective')
    l_0_badge = resolve('badge')
    l_0_planning_meta = resolve('planning_meta')
    l_0_progress = resolve('progress')
    l_0_commitment = resolve('commitment')
    l_0_grade_badge = resolve('grade_badge')
    l_0_body = resolve('body')
    l_0_alignment = resolve('alignment')
    l_0_krs = resolve('krs')
    l_0_hypotheses = resolve('hypotheses')
    l_0_milestones = resolve('milestones')
    l_0_milestone_groups = resolve('milestone_groups')
    l_0_candidates = resolve('candidates')
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
    yield '<div class="page-head">\n  <p class="eyebrow">Objective · <a href="'
    yield escape(environment.finalize((undefined(name='quarter_href') if l_0_quarter_href is missing else l_0_quarter_href)))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'quarter')))
    yield '</a>'
    if environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'team'):
        pass
        yield ' · <a href="'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'team'), 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'team'), 'text')))
        yield '</a>'
    if environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'owner'):
        pass
        yield ' · '
        yield escape(environment.finalize(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'owner')))
    yield '</p>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'title')))
    yield '</h1>\n  <p class="meta">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'status'), _block_vars=_block_vars)))
    if environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'commitment'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='planning_meta') if l_0_planning_meta is missing else l_0_planning_meta), (undefined(name='objective') if l_0_objective is missing else l_0_objective), _block_vars=_block_vars)))
    yield '</p>\n  <div class="progress-line big">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_0_progress is missing else l_0_progress), environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'progress'), 'Progress of the objective', _block_vars=_block_vars)))
    yield '<span class="progress-value">'
    yield escape(environment.finalize(environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'progress')))
    yield '%</span></div>\n'
    if (undefined(name='commitment') if l_0_commitment is missing else l_0_commitment):
        pass
        yield '  <p class="commitment-note"><strong>'
        yield escape(environment.finalize(environment.getattr((undefined(name='commitment') if l_0_commitment is missing else l_0_commitment), 'label')))
        yield '.</strong> '
        yield escape(environment.finalize(environment.getattr((undefined(name='commitment') if l_0_commitment is missing else l_0_commitment), 'meaning')))
        if environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'grade'):
            pass
            yield ' Its grade: '
            yield escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr((undefined(name='objective') if l_0_objective is missing else l_0_objective), 'grade'), _block_vars=_block_vars)))
            yield ', the weighted mean of its graded key results.'
        yield '</p>\n'
    yield '</div>\n'
    if (undefined(name='body') if l_0_body is missing else l_0_body):
        pass
        yield '<div class="prose">'
        yield escape(environment.finalize((undefined(name='body') if l_0_body is missing else l_0_body)))
        yield '</div>'
    if (environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent') or environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'children')):
        pass
        yield '<section aria-labelledby="alignment">\n  <h2 id="alignment">Alignment</h2>\n'
        if environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'):
            pass
            yield '<p>Contributes to <a href="'
            yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'link'), 'href')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'link'), 'text')))
            yield '</a> <span class="muted">('
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'period')))
            yield ', '
            yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'progress')))
            yield '%)</span>'
            if environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'grade'):
                pass
                yield ' '
                yield escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'parent'), 'grade'), _block_vars=_block_vars)))
            yield '</p>'
        if environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'children'):
            pass
            yield '  <p>Objectives contributing to it:</p>\n  <ul class="children">\n'
            for l_1_c in environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'children'):
                _loop_vars = {}
                pass
                yield '<li><a href="'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'link'), 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'link'), 'text')))
                yield '</a> <span class="muted">('
                yield escape(environment.finalize(environment.getattr(l_1_c, 'period')))
                yield ', '
                yield escape(environment.finalize(environment.getattr(l_1_c, 'progress')))
                yield '%)</span>'
                if environment.getattr(l_1_c, 'grade'):
                    pass
                    yield ' '
                    yield escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(l_1_c, 'grade'), _loop_vars=_loop_vars)))
                yield '</li>'
            l_1_c = missing
            yield '  </ul>\n'
        if environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'href'):
            pass
            yield '<p><a href="'
            yield escape(environment.finalize(environment.getattr((undefined(name='alignment') if l_0_alignment is missing else l_0_alignment), 'href')))
            yield '">The whole alignment tree</a></p>'
        yield '</section>\n'
    yield '<section aria-labelledby="key-results">\n  <h2 id="key-results">Key results</h2>\n  <ol class="krs">\n'
    l_1_loop = missing
    for l_1_kr, l_1_loop in LoopContext((undefined(name='krs') if l_0_krs is missing else l_0_krs), undefined):
        l_1_milestone_list_groups = resolve('milestone_list_groups')
        _loop_vars = {}
        pass
        yield '    <li class="card kr" id="'
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'anchor')))
        yield '">\n      <h3 class="card-title">'
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'title')))
        yield '</h3>\n'
        if environment.getattr(l_1_kr, 'metric'):
            pass
            yield '<p class="muted">'
            yield escape(environment.finalize(environment.getattr(l_1_kr, 'metric')))
            yield '</p>'
        if ((environment.getattr(l_1_kr, 'kr_status') or environment.getattr(l_1_kr, 'weight')) or environment.getattr(l_1_kr, 'grade')):
            pass
            yield '      <p class="meta">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr(l_1_kr, 'kr_status'), _loop_vars=_loop_vars)))
            if environment.getattr(l_1_kr, 'weight'):
                pass
                yield ' <span class="badge weight">weight '
                yield escape(environment.finalize(environment.getattr(l_1_kr, 'weight')))
                yield '</span>'
            if environment.getattr(l_1_kr, 'grade'):
                pass
                yield ' '
                yield escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(l_1_kr, 'grade'), _loop_vars=_loop_vars)))
            yield '</p>\n'
        yield '      <div class="progress-line">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_0_progress is missing else l_0_progress), environment.getattr(l_1_kr, 'progress'), markup_join(('Progress of ', environment.getattr(l_1_kr, 'title'), )), _loop_vars=_loop_vars)))
        yield '<span class="progress-value">'
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'progress')))
        yield '%</span></div>\n      <p class="kr-numbers">'
        if environment.getattr(l_1_kr, 'numeric'):
            pass
            yield escape(environment.finalize(environment.getattr(l_1_kr, 'numbers')))
        else:
            pass
            yield "Progress from its milestones' completion"
        if (not t_2(environment.getattr(l_1_kr, 'confidence'))):
            pass
            yield ' · confidence '
            yield escape(environment.finalize(environment.getattr(l_1_kr, 'confidence')))
            yield '%'
        yield '</p>\n      '
        yield escape(environment.finalize(environment.getattr(l_1_kr, 'sparkline')))
        yield '\n'
        if environment.getattr(l_1_kr, 'description'):
            pass
            yield '<div class="prose">'
            yield escape(environment.finalize(environment.getattr(l_1_kr, 'description')))
            yield '</div>'
        if environment.getattr(l_1_kr, 'hypotheses'):
            pass
            yield '<p>Tested by: '
            l_2_loop = missing
            for l_2_h, l_2_loop in LoopContext(environment.getattr(l_1_kr, 'hypotheses'), undefined):
                _loop_vars = {}
                pass
                yield '<a href="'
                yield escape(environment.finalize(environment.getattr(l_2_h, 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_h, 'text')))
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '; '
            l_2_loop = l_2_h = missing
            yield '</p>'
        if environment.getattr(environment.getattr(l_1_kr, 'milestones'), 'total'):
            pass
            yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_list_groups') if l_1_milestone_list_groups is missing else l_1_milestone_list_groups), environment.getattr(l_1_kr, 'milestones'), _loop_vars=_loop_vars)))
        elif environment.getattr(l_1_kr, 'dropped'):
            pass
            yield '<p class="muted">Dropped: it counts in no progress or grade.</p>'
        else:
            pass
            yield '<p class="warning-note">No milestone serves this key result yet.</p>'
        if environment.getattr(l_1_kr, 'history'):
            pass
            yield '      <details class="kr-history">\n        <summary>Value over time ('
            yield escape(environment.finalize((t_1(environment.getattr(environment.getattr(l_1_kr, 'history'), 'rows')) + environment.getattr(environment.getattr(l_1_kr, 'history'), 'older'))))
            yield ' change'
            if ((t_1(environment.getattr(environment.getattr(l_1_kr, 'history'), 'rows')) + environment.getattr(environment.getattr(l_1_kr, 'history'), 'older')) != 1):
                pass
                yield 's'
            yield ' committed)</summary>\n        '
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'history'), 'sparkline')))
            yield '\n        <ul class="changes">\n'
            for l_2_r in environment.getattr(environment.getattr(l_1_kr, 'history'), 'rows'):
                _loop_vars = {}
                pass
                yield '<li><a href="'
                yield escape(environment.finalize(environment.getattr(l_2_r, 'href')))
                yield '"><time datetime="'
                yield escape(environment.finalize(environment.getattr(l_2_r, 'iso')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_r, 'date')))
                yield '</time></a>: <strong>'
                yield escape(environment.finalize(environment.getattr(l_2_r, 'value')))
                yield '</strong> <span class="muted">('
                yield escape(environment.finalize(environment.getattr(l_2_r, 'why')))
                yield ')</span></li>'
            l_2_r = missing
            yield '        </ul>\n'
            if environment.getattr(environment.getattr(l_1_kr, 'history'), 'older'):
                pass
                yield '<p class="muted">and '
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_kr, 'history'), 'older')))
                yield ' earlier change'
                if (environment.getattr(environment.getattr(l_1_kr, 'history'), 'older') != 1):
                    pass
                    yield 's'
                yield '</p>'
            yield '      </details>\n'
        if environment.getattr(l_1_kr, 'checkins'):
            pass
            yield '      <details>\n        <summary>'
            yield escape(environment.finalize(t_1(environment.getattr(l_1_kr, 'checkins'))))
            yield ' check-in'
            if (t_1(environment.getattr(l_1_kr, 'checkins')) != 1):
                pass
                yield 's'
            yield '</summary>\n        <ul class="checkins">\n'
            for l_2_c in environment.getattr(l_1_kr, 'checkins'):
                _loop_vars = {}
                pass
                yield '<li><time datetime="'
                yield escape(environment.finalize(environment.getattr(l_2_c, 'iso')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_c, 'date')))
                yield '</time>: <strong>'
                yield escape(environment.finalize(environment.getattr(l_2_c, 'value')))
                yield '</strong>'
                if (not t_2(environment.getattr(l_2_c, 'confidence'))):
                    pass
                    yield ' <span class="muted">(confidence '
                    yield escape(environment.finalize(environment.getattr(l_2_c, 'confidence')))
                    yield '%)</span>'
                if environment.getattr(l_2_c, 'note'):
                    pass
                    yield ' — '
                    yield escape(environment.finalize(environment.getattr(l_2_c, 'note')))
                yield '</li>'
            l_2_c = missing
            yield '        </ul>\n      </details>\n'
        yield '    </li>\n'
    l_1_loop = l_1_kr = l_1_milestone_list_groups = missing
    yield '  </ol>\n</section>\n'
    if (undefined(name='hypotheses') if l_0_hypotheses is missing else l_0_hypotheses):
        pass
        yield '<section aria-labelledby="hypotheses">\n  <h2 id="hypotheses">Hypotheses</h2>\n  <ul class="hypotheses">\n'
        l_1_loop = missing
        for l_1_h, l_1_loop in LoopContext((undefined(name='hypotheses') if l_0_hypotheses is missing else l_0_hypotheses), undefined):
            l_1_milestone_list_groups = resolve('milestone_list_groups')
            _loop_vars = {}
            pass
            yield '    <li class="card" id="'
            yield escape(environment.finalize(environment.getattr(l_1_h, 'anchor')))
            yield '">\n      <p class="statement">'
            yield escape(environment.finalize(environment.getattr(l_1_h, 'statement')))
            yield '</p>\n      <p class="meta">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr(l_1_h, 'status'), _loop_vars=_loop_vars)))
            l_2_loop = missing
            for l_2_kr, l_2_loop in LoopContext(environment.getattr(l_1_h, 'krs'), undefined):
                _loop_vars = {}
                pass
                yield ' <a href="'
                yield escape(environment.finalize(environment.getattr(l_2_kr, 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_kr, 'text')))
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ';'
            l_2_loop = l_2_kr = missing
            yield '</p>\n'
            if environment.getattr(l_1_h, 'description'):
                pass
                yield '<div class="prose">'
                yield escape(environment.finalize(environment.getattr(l_1_h, 'description')))
                yield '</div>'
            if environment.getattr(environment.getattr(l_1_h, 'milestones'), 'total'):
                pass
                yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_list_groups') if l_1_milestone_list_groups is missing else l_1_milestone_list_groups), environment.getattr(l_1_h, 'milestones'), _loop_vars=_loop_vars)))
            else:
                pass
                yield '<p class="muted">No milestone tests this hypothesis yet.</p>'
            if environment.getattr(l_1_h, 'candidates'):
                pass
                yield '      <p class="muted">Candidates (not planned yet): '
                l_2_loop = missing
                for l_2_c, l_2_loop in LoopContext(environment.getattr(l_1_h, 'candidates'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<a href="'
                    yield escape(environment.finalize(environment.getattr(l_2_c, 'href')))
                    yield '">'
                    yield escape(environment.finalize(environment.getattr(l_2_c, 'title')))
                    yield '</a>'
                    if (not t_2(environment.getattr(l_2_c, 'votes'))):
                        pass
                        yield ' ('
                        yield escape(environment.finalize(environment.getattr(l_2_c, 'votes')))
                        yield ' vote'
                        if (environment.getattr(l_2_c, 'votes') != 1):
                            pass
                            yield 's'
                        yield ')'
                    if (not environment.getattr(l_2_loop, 'last')):
                        pass
                        yield '; '
                l_2_loop = l_2_c = missing
                yield '</p>\n'
            yield '    </li>\n'
        l_1_loop = l_1_h = l_1_milestone_list_groups = missing
        yield '  </ul>\n</section>\n'
    yield '<section aria-labelledby="milestones">\n  <h2 id="milestones">Milestones'
    if environment.getattr((undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), 'total'):
        pass
        yield ' <span class="muted">('
        yield escape(environment.finalize(environment.getattr((undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), 'total')))
        yield ')</span>'
    yield '</h2>\n'
    if environment.getattr((undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), 'total'):
        pass
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_groups') if l_0_milestone_groups is missing else l_0_milestone_groups), (undefined(name='milestones') if l_0_milestones is missing else l_0_milestones), _block_vars=_block_vars)))
    else:
        pass
        yield '<p class="empty">No milestones yet.</p>'
    yield '</section>\n'
    if (undefined(name='candidates') if l_0_candidates is missing else l_0_candidates):
        pass
        yield '<section aria-labelledby="candidates">\n  <h2 id="candidates">Candidates</h2>\n  <p class="muted">Ideas from the workshop, not planned yet: they count in no progress.</p>\n  <ul class="candidate-list">\n'
        for l_1_c in (undefined(name='candidates') if l_0_candidates is missing else l_0_candidates):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'href')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'title')))
            yield '</a> <span class="badge '
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'type'), 'class')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'type'), 'label')))
            yield '</span>'
            if (not t_2(environment.getattr(l_1_c, 'votes'))):
                pass
                yield ' <span class="num">'
                yield escape(environment.finalize(environment.getattr(l_1_c, 'votes')))
                yield ' vote'
                if (environment.getattr(l_1_c, 'votes') != 1):
                    pass
                    yield 's'
                yield '</span>'
            yield '</li>'
        l_1_c = missing
        yield '  </ul>\n</section>\n'
    yield escape(environment.finalize(environment.call(context, (undefined(name='mentioned') if l_0_mentioned is missing else l_0_mentioned), (undefined(name='mentioned_in') if l_0_mentioned_in is missing else l_0_mentioned_in), _block_vars=_block_vars)))
    yield '\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=42&5=79&6=95&7=97&8=102&9=106&10=109&13=119&14=124&17=127&18=143&21=146&24=165&30=173&31=178&32=180&33=182&34=187&35=190&37=202&38=206&39=218&40=220&41=225&42=242&43=251&45=254&46=260&48=262&50=278&53=288&55=291&57=297&65=322&69=326&70=331&71=333&72=335&73=350&74=355&75=361&76=365&84=391&85=397&87=404&92=407&96=431'
