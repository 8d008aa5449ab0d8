from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'macros.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badge = l_0_progress = l_0_objective_cards = l_0_planning_meta = l_0_grade_badge = l_0_review = l_0_period_objectives = l_0_milestone_table = l_0_milestone_list = l_0_group_open = l_0_group_note = l_0_waiting_note = l_0_milestone_groups = l_0_milestone_list_groups = l_0_objective_table = l_0_objective_groups = l_0_mentioned = l_0_diagram = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    def macro(l_1_b):
        t_3 = []
        if l_1_b is missing:
            l_1_b = undefined("parameter 'b' was not provided", name='b')
        pass
        if l_1_b:
            pass
            t_3.extend((
                '<span class="badge ',
                escape(environment.finalize(environment.getattr(l_1_b, 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(l_1_b, 'label'))),
                '</span>',
            ))
        return concat(t_3)
    context.exported_vars.add('badge')
    context.vars['badge'] = l_0_badge = Macro(environment, macro, 'badge', ('b',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_value, l_1_label):
        t_4 = []
        if l_1_value is missing:
            l_1_value = undefined("parameter 'value' was not provided", name='value')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        pass
        t_4.extend((
            '<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="',
            escape(environment.finalize(l_1_value)),
            '" aria-label="',
            escape(environment.finalize(l_1_label)),
            '">\n  <span class="progress-fill" style="width: ',
            escape(environment.finalize(l_1_value)),
            '%"></span>\n</div>\n',
        ))
        return concat(t_4)
    context.exported_vars.add('progress')
    context.vars['progress'] = l_0_progress = Macro(environment, macro, 'progress', ('value', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_cards):
        t_5 = []
        if l_1_cards is missing:
            l_1_cards = undefined("parameter 'cards' was not provided", name='cards')
        pass
        t_5.append(
            '<ul class="cards">\n',
        )
        for l_2_o in l_1_cards:
            _loop_vars = {}
            pass
            t_5.extend((
                '  <li class="card objective-card">\n    <h3 class="card-title"><a href="',
                escape(environment.finalize(environment.getattr(l_2_o, 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_o, 'title'))),
                '</a></h3>\n    <p class="meta">',
                escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr(l_2_o, 'status'), _loop_vars=_loop_vars))),
            ))
            if (environment.getattr(l_2_o, 'status') and (environment.getattr(l_2_o, 'team') or environment.getattr(l_2_o, 'owner'))):
                pass
                t_5.append(
                    ' ',
                )
            if environment.getattr(l_2_o, 'team'):
                pass
                t_5.extend((
                    '<a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'team'), 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'team'), 'text'))),
                    '</a>',
                ))
            if (environment.getattr(l_2_o, 'team') and environment.getattr(l_2_o, 'owner')):
                pass
                t_5.append(
                    ' · ',
                )
            if environment.getattr(l_2_o, 'owner'):
                pass
                t_5.append(
                    escape(environment.finalize(environment.getattr(l_2_o, 'owner'))),
                )
            if environment.getattr(l_2_o, 'commitment'):
                pass
                t_5.append(
                    escape(environment.finalize(environment.call(context, (undefined(name='planning_meta') if l_0_planning_meta is missing else l_0_planning_meta), l_2_o, _loop_vars=_loop_vars))),
                )
            t_5.extend((
                '</p>\n    <div class="progress-line">',
                escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_0_progress is missing else l_0_progress), environment.getattr(l_2_o, 'progress'), markup_join(('Progress of ', environment.getattr(l_2_o, 'title'), )), _loop_vars=_loop_vars))),
                '<span class="progress-value">',
                escape(environment.finalize(environment.getattr(l_2_o, 'progress'))),
                '%</span></div>\n    <ul class="kr-mini">\n',
            ))
            for l_3_kr in environment.getattr(l_2_o, 'krs'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '      <li><a href="',
                    escape(environment.finalize(environment.getattr(l_3_kr, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_3_kr, 'title'))),
                    '</a>',
                ))
                if environment.getattr(l_3_kr, 'dropped'):
                    pass
                    t_5.append(
                        ' <span class="badge status-dropped">Dropped</span>',
                    )
                t_5.append(
                    ' <span class="num">',
                )
                if environment.getattr(l_3_kr, 'grade'):
                    pass
                    t_5.extend((
                        '<span class="grade-text ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'grade'), 'class'))),
                        '">grade ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'grade'), 'value'))),
                        '</span> · ',
                    ))
                t_5.extend((
                    escape(environment.finalize(environment.getattr(l_3_kr, 'progress'))),
                    '%</span></li>\n',
                ))
            l_3_kr = missing
            t_5.append(
                '    </ul>\n  </li>\n',
            )
        l_2_o = missing
        t_5.append(
            '</ul>\n',
        )
        return concat(t_5)
    context.exported_vars.add('objective_cards')
    context.vars['objective_cards'] = l_0_objective_cards = Macro(environment, macro, 'objective_cards', ('cards',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_o):
        t_6 = []
        if l_1_o is missing:
            l_1_o = undefined("parameter 'o' was not provided", name='o')
        pass
        if environment.getattr(l_1_o, 'period'):
            pass
            t_6.extend((
                ' <span class="badge period">',
                escape(environment.finalize(environment.getattr(l_1_o, 'period'))),
                '</span>',
            ))
        t_6.extend((
            ' <span class="badge ',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'commitment'), 'class'))),
            '">',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'commitment'), 'label'))),
            '</span> <span class="success">',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'commitment'), 'success'))),
            '</span>',
        ))
        if environment.getattr(l_1_o, 'grade'):
            pass
            t_6.extend((
                ' <span class="badge grade ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'grade'), 'class'))),
                '">Grade ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'grade'), 'value'))),
                ' · ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_o, 'grade'), 'words'))),
                '</span>',
            ))
        return concat(t_6)
    context.exported_vars.add('planning_meta')
    context.vars['planning_meta'] = l_0_planning_meta = Macro(environment, macro, 'planning_meta', ('o',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g):
        t_7 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        if l_1_g:
            pass
            t_7.extend((
                '<span class="badge grade ',
                escape(environment.finalize(environment.getattr(l_1_g, 'class'))),
                '">Grade ',
                escape(environment.finalize(environment.getattr(l_1_g, 'value'))),
                ' · ',
                escape(environment.finalize(environment.getattr(l_1_g, 'words'))),
                '</span>',
            ))
        return concat(t_7)
    context.exported_vars.add('grade_badge')
    context.vars['grade_badge'] = l_0_grade_badge = Macro(environment, macro, 'grade_badge', ('g',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_r, l_1_name):
        t_8 = []
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        pass
        t_8.extend((
            '<section class="review" aria-labelledby="review">\n  <h2 id="review">Review of ',
            escape(environment.finalize(l_1_name)),
            '</h2>\n  <p class="lead">',
        ))
        if environment.getattr(l_1_r, 'mean'):
            pass
            t_8.extend((
                'Mean grade of the graded objectives: ',
                escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(l_1_r, 'mean')))),
            ))
        else:
            pass
            t_8.extend((
                'No objective of ',
                escape(environment.finalize(l_1_name)),
                ' is graded yet.',
            ))
        if environment.getattr(l_1_r, 'ungraded'):
            pass
            t_8.extend((
                ' ',
                escape(environment.finalize(environment.getattr(l_1_r, 'ungraded'))),
                ' key result',
            ))
            if (environment.getattr(l_1_r, 'ungraded') != 1):
                pass
                t_8.append(
                    's have',
                )
            else:
                pass
                t_8.append(
                    ' has',
                )
            t_8.extend((
                ' no grade: run <code>',
                escape(environment.finalize(environment.getattr(l_1_r, 'close'))),
                '</code>.',
            ))
        t_8.extend((
            '</p>\n  <div class="table-scroll">\n  <table class="review-grades">\n    <caption>Grades of the objectives of ',
            escape(environment.finalize(l_1_name)),
            '</caption>\n    <thead><tr><th scope="col">Objective</th><th scope="col">Commitment</th><th scope="col">Grade</th><th scope="col">Key results</th></tr></thead>\n    <tbody>\n',
        ))
        for l_2_o in environment.getattr(l_1_r, 'objectives'):
            _loop_vars = {}
            pass
            t_8.extend((
                '      <tr>\n        <th scope="row"><a href="',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'link'), 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'link'), 'text'))),
                '</a>',
            ))
            if (environment.getattr(l_2_o, 'status') == 'dropped'):
                pass
                t_8.append(
                    ' <span class="badge status-dropped">Dropped</span>',
                )
            t_8.extend((
                '</th>\n        <td><span class="badge ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'commitment'), 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'commitment'), 'label'))),
                '</span> <span class="success">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'commitment'), 'success'))),
                '</span></td>\n        <td>',
            ))
            if environment.getattr(l_2_o, 'grade'):
                pass
                t_8.append(
                    escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(l_2_o, 'grade'), _loop_vars=_loop_vars))),
                )
            else:
                pass
                t_8.append(
                    '<span class="muted">not graded</span>',
                )
            t_8.append(
                '</td>\n        <td><ul class="review-krs">',
            )
            for l_3_kr in environment.getattr(l_2_o, 'krs'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<li><a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'link'), 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'link'), 'text'))),
                    '</a>: ',
                ))
                if environment.getattr(l_3_kr, 'dropped'):
                    pass
                    t_8.append(
                        '<span class="badge status-dropped">Dropped</span>',
                    )
                elif environment.getattr(l_3_kr, 'grade'):
                    pass
                    t_8.extend((
                        '<span class="grade-text ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'grade'), 'class'))),
                        '">',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_3_kr, 'grade'), 'value'))),
                        '</span>',
                    ))
                else:
                    pass
                    t_8.extend((
                        '<span class="muted">no grade (',
                        escape(environment.finalize(environment.getattr(l_3_kr, 'progress'))),
                        '%)</span>',
                    ))
                t_8.append(
                    '</li>',
                )
            l_3_kr = missing
            t_8.append(
                '</ul></td>\n      </tr>\n',
            )
        l_2_o = missing
        t_8.append(
            '    </tbody>\n  </table>\n  </div>\n  <h3>Dropped</h3>\n',
        )
        if environment.getattr(l_1_r, 'any_dropped'):
            pass
            t_8.append(
                '  <ul class="review-list">\n',
            )
            for l_2_l in environment.getattr(environment.getattr(l_1_r, 'dropped'), 'objectives'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<li>Objective <a href="',
                    escape(environment.finalize(environment.getattr(l_2_l, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_l, 'text'))),
                    '</a></li>',
                ))
            l_2_l = missing
            for l_2_l in environment.getattr(environment.getattr(l_1_r, 'dropped'), 'krs'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<li>Key result <a href="',
                    escape(environment.finalize(environment.getattr(l_2_l, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_l, 'text'))),
                    '</a></li>',
                ))
            l_2_l = missing
            for l_2_l in environment.getattr(environment.getattr(l_1_r, 'dropped'), 'milestones'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<li>Milestone <a href="',
                    escape(environment.finalize(environment.getattr(l_2_l, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_l, 'text'))),
                    '</a></li>',
                ))
            l_2_l = missing
            t_8.append(
                '  </ul>\n',
            )
        else:
            pass
            t_8.append(
                '<p class="empty">Nothing was dropped.</p>',
            )
        t_8.append(
            '  <h3>Slipped</h3>\n',
        )
        if environment.getattr(l_1_r, 'slipped'):
            pass
            t_8.append(
                '  <ul class="review-list">\n',
            )
            for l_2_m in environment.getattr(l_1_r, 'slipped'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<li><a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'link'), 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'link'), 'text'))),
                    '</a>: ',
                    escape(environment.finalize(environment.getattr(l_2_m, 'why'))),
                ))
                if environment.getattr(l_2_m, 'due'):
                    pass
                    t_8.extend((
                        ' <span class="muted">(due <time datetime="',
                        escape(environment.finalize(environment.getattr(l_2_m, 'due'))),
                        '">',
                        escape(environment.finalize(environment.getattr(l_2_m, 'due'))),
                        '</time>)</span>',
                    ))
                t_8.append(
                    '</li>',
                )
            l_2_m = missing
            t_8.append(
                '  </ul>\n',
            )
        else:
            pass
            t_8.append(
                '<p class="empty">Every milestone of these objectives was delivered in the quarter.</p>',
            )
        t_8.append(
            '</section>\n',
        )
        return concat(t_8)
    context.exported_vars.add('review')
    context.vars['review'] = l_0_review = Macro(environment, macro, 'review', ('r', 'name'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_q):
        t_9 = []
        if l_1_q is missing:
            l_1_q = undefined("parameter 'q' was not provided", name='q')
        pass
        if environment.getattr(l_1_q, 'period_objectives'):
            pass
            t_9.extend((
                '<section aria-labelledby="period-objectives">\n  <h2 id="period-objectives">Objectives for ',
                escape(environment.finalize(environment.getattr(l_1_q, 'periods'))),
                '</h2>\n  ',
                escape(environment.finalize(environment.call(context, (undefined(name='objective_cards') if l_0_objective_cards is missing else l_0_objective_cards), environment.getattr(l_1_q, 'period_objectives')))),
                '\n</section>\n',
            ))
        return concat(t_9)
    context.exported_vars.add('period_objectives')
    context.vars['period_objectives'] = l_0_period_objectives = Macro(environment, macro, 'period_objectives', ('q',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_rows, l_1_caption, l_1_show_krs, l_1_show_team):
        t_10 = []
        if l_1_rows is missing:
            l_1_rows = undefined("parameter 'rows' was not provided", name='rows')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        if l_1_show_krs is missing:
            l_1_show_krs = True
        if l_1_show_team is missing:
            l_1_show_team = True
        pass
        t_10.extend((
            '<div class="table-scroll">\n<table class="milestones sortable">\n  <caption>',
            escape(environment.finalize(l_1_caption)),
            '</caption>\n  <thead>\n    <tr><th scope="col">Milestone</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">When</th>',
        ))
        if l_1_show_team:
            pass
            t_10.append(
                '<th scope="col">Team</th>',
            )
        t_10.append(
            '<th scope="col">Done</th>',
        )
        if l_1_show_krs:
            pass
            t_10.append(
                '<th scope="col">Key results</th>',
            )
        t_10.append(
            '</tr>\n  </thead>\n  <tbody>\n',
        )
        l_2_loop = missing
        for l_2_m, l_2_loop in LoopContext(l_1_rows, undefined):
            _loop_vars = {}
            pass
            t_10.extend((
                '    <tr data-team="',
                escape(environment.finalize(environment.getattr(l_2_m, 'team_value'))),
                '" data-type="',
                escape(environment.finalize(environment.getattr(l_2_m, 'type_value'))),
                '" data-status="',
                escape(environment.finalize(environment.getattr(l_2_m, 'status_value'))),
                '">\n      <th scope="row"><a href="',
                escape(environment.finalize(environment.getattr(l_2_m, 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_m, 'title'))),
                '</a>',
            ))
            if environment.getattr(l_2_m, 'recent'):
                pass
                t_10.extend((
                    ' <span class="badge ',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'recent'), 'class'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'recent'), 'label'))),
                    '</span>',
                ))
            t_10.extend((
                '</th>\n      <td><span class="badge ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'label'))),
                '</span></td>\n      <td><span class="badge ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'label'))),
                '</span></td>\n      <td>',
            ))
            if environment.getattr(l_2_m, 'start'):
                pass
                t_10.extend((
                    '<time datetime="',
                    escape(environment.finalize(environment.getattr(l_2_m, 'start'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_m, 'dates'))),
                    '</time>',
                ))
            else:
                pass
                t_10.append(
                    escape(environment.finalize(environment.getattr(l_2_m, 'dates'))),
                )
            if environment.getattr(l_2_m, 'sprints'):
                pass
                t_10.extend((
                    '<br><span class="muted">',
                    escape(environment.finalize(environment.getattr(l_2_m, 'sprints'))),
                    '</span>',
                ))
            t_10.append(
                '</td>\n',
            )
            if l_1_show_team:
                pass
                t_10.append(
                    '<td class="team">',
                )
                if environment.getattr(l_2_m, 'team'):
                    pass
                    t_10.extend((
                        '<a href="',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'team'), 'href'))),
                        '">',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'team'), 'text'))),
                        '</a>',
                    ))
                t_10.append(
                    '</td>',
                )
            t_10.extend((
                '      <td class="num">',
                escape(environment.finalize(environment.getattr(l_2_m, 'completion'))),
                '%</td>\n',
            ))
            if l_1_show_krs:
                pass
                t_10.append(
                    '<td>',
                )
                l_3_loop = missing
                for l_3_kr, l_3_loop in LoopContext(environment.getattr(l_2_m, 'krs'), undefined):
                    _loop_vars = {}
                    pass
                    t_10.extend((
                        '<a href="',
                        escape(environment.finalize(environment.getattr(l_3_kr, 'href'))),
                        '">',
                        escape(environment.finalize(environment.getattr(l_3_kr, 'text'))),
                        '</a>',
                    ))
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        t_10.append(
                            ', ',
                        )
                l_3_loop = l_3_kr = missing
                t_10.append(
                    '</td>',
                )
            t_10.append(
                '    </tr>\n',
            )
        l_2_loop = l_2_m = missing
        t_10.append(
            '  </tbody>\n</table>\n</div>\n',
        )
        return concat(t_10)
    context.exported_vars.add('milestone_table')
    context.vars['milestone_table'] = l_0_milestone_table = Macro(environment, macro, 'milestone_table', ('rows', 'caption', 'show_krs', 'show_team'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_rows):
        t_11 = []
        if l_1_rows is missing:
            l_1_rows = undefined("parameter 'rows' was not provided", name='rows')
        pass
        t_11.append(
            '<ul class="milestone-list">\n',
        )
        for l_2_m in l_1_rows:
            _loop_vars = {}
            pass
            t_11.extend((
                '  <li><a href="',
                escape(environment.finalize(environment.getattr(l_2_m, 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_m, 'title'))),
                '</a>',
            ))
            if environment.getattr(l_2_m, 'recent'):
                pass
                t_11.extend((
                    ' <span class="badge ',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'recent'), 'class'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'recent'), 'label'))),
                    '</span>',
                ))
            t_11.extend((
                ' <span class="badge ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'label'))),
                '</span> <span class="badge ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'class'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'label'))),
                '</span> <span class="muted">',
                escape(environment.finalize(environment.getattr(l_2_m, 'dates'))),
                '</span></li>\n',
            ))
        l_2_m = missing
        t_11.append(
            '</ul>\n',
        )
        return concat(t_11)
    context.exported_vars.add('milestone_list')
    context.vars['milestone_list'] = l_0_milestone_list = Macro(environment, macro, 'milestone_list', ('rows',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_grp):
        t_12 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_grp is missing:
            l_1_grp = undefined("parameter 'grp' was not provided", name='grp')
        pass
        t_12.append(
            '<details class="group"',
        )
        if environment.getattr(l_1_grp, 'open'):
            pass
            t_12.append(
                ' open',
            )
        t_12.extend((
            '>\n  <summary><span class="group-label">',
            escape(environment.finalize(environment.getattr(l_1_grp, 'label'))),
            '</span> <span class="muted">(',
            escape(environment.finalize(environment.getattr(l_1_grp, 'count'))),
            ')</span></summary>',
        ))
        return concat(t_12)
    context.exported_vars.add('group_open')
    context.vars['group_open'] = l_0_group_open = Macro(environment, macro, 'group_open', ('g', 'grp'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_noun):
        t_13 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_noun is missing:
            l_1_noun = undefined("parameter 'noun' was not provided", name='noun')
        pass
        if environment.getattr(l_1_g, 'grouped'):
            pass
            t_13.extend((
                '<p class="group-note muted">',
                escape(environment.finalize(environment.getattr(l_1_g, 'total'))),
                ' ',
                escape(environment.finalize(l_1_noun)),
                ' in ',
                escape(environment.finalize(t_1(environment.getattr(l_1_g, 'groups')))),
                ' group',
            ))
            if (t_1(environment.getattr(l_1_g, 'groups')) != 1):
                pass
                t_13.append(
                    's',
                )
            if (environment.getattr(l_1_g, 'shown') < environment.getattr(l_1_g, 'total')):
                pass
                t_13.extend((
                    '; open a group to see its ',
                    escape(environment.finalize(l_1_noun)),
                ))
            t_13.append(
                '.',
            )
            if t_2(environment.getattr(l_1_g, 'elsewhere')):
                pass
                t_13.extend((
                    ' ',
                    escape(environment.finalize(environment.getattr(l_1_g, 'elsewhere'))),
                ))
            t_13.append(
                '</p>',
            )
        return concat(t_13)
    context.exported_vars.add('group_note')
    context.vars['group_note'] = l_0_group_note = Macro(environment, macro, 'group_note', ('g', 'noun'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g):
        t_14 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        if (t_2(environment.getattr(l_1_g, 'waiting')) and environment.getattr(environment.getattr(l_1_g, 'waiting'), 'count')):
            pass
            t_14.append(
                '<p class="more waiting-note">',
            )
            if environment.getattr(l_1_g, 'total'):
                pass
                t_14.append(
                    'Not in ',
                )
                if environment.getattr(l_1_g, 'grouped'):
                    pass
                    t_14.append(
                        'these groups',
                    )
                else:
                    pass
                    t_14.append(
                        'this table',
                    )
                t_14.append(
                    ': ',
                )
            t_14.extend((
                '<a href="',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_g, 'waiting'), 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_g, 'waiting'), 'count'))),
                ' milestone',
            ))
            if (environment.getattr(environment.getattr(l_1_g, 'waiting'), 'count') != 1):
                pass
                t_14.append(
                    's',
                )
            t_14.append(
                ' not scheduled yet</a>, in the backlog with the most voted first.</p>',
            )
        return concat(t_14)
    context.exported_vars.add('waiting_note')
    context.vars['waiting_note'] = l_0_waiting_note = Macro(environment, macro, 'waiting_note', ('g',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_show_krs, l_1_show_team):
        t_15 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_show_krs is missing:
            l_1_show_krs = True
        if l_1_show_team is missing:
            l_1_show_team = True
        pass
        if ((not environment.getattr(l_1_g, 'grouped')) and environment.getattr(l_1_g, 'total')):
            pass
            t_15.extend((
                escape(environment.finalize(environment.call(context, (undefined(name='milestone_table') if l_0_milestone_table is missing else l_0_milestone_table), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'rows'), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'caption'), l_1_show_krs, l_1_show_team))),
                '\n',
            ))
        elif environment.getattr(l_1_g, 'grouped'):
            pass
            t_15.extend((
                escape(environment.finalize(environment.call(context, (undefined(name='group_note') if l_0_group_note is missing else l_0_group_note), l_1_g, 'milestones'))),
                '\n',
            ))
            for l_2_grp in environment.getattr(l_1_g, 'groups'):
                _loop_vars = {}
                pass
                t_15.extend((
                    escape(environment.finalize(environment.call(context, (undefined(name='group_open') if l_0_group_open is missing else l_0_group_open), l_1_g, l_2_grp, _loop_vars=_loop_vars))),
                    '\n  ',
                    escape(environment.finalize(environment.call(context, (undefined(name='milestone_table') if l_0_milestone_table is missing else l_0_milestone_table), environment.getattr(l_2_grp, 'rows'), environment.getattr(l_2_grp, 'caption'), l_1_show_krs, l_1_show_team, _loop_vars=_loop_vars))),
                    '\n</details>\n',
                ))
            l_2_grp = missing
        t_15.append(
            escape(environment.finalize(environment.call(context, (undefined(name='waiting_note') if l_0_waiting_note is missing else l_0_waiting_note), l_1_g))),
        )
        return concat(t_15)
    context.exported_vars.add('milestone_groups')
    context.vars['milestone_groups'] = l_0_milestone_groups = Macro(environment, macro, 'milestone_groups', ('g', 'show_krs', 'show_team'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g):
        t_16 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        if ((not environment.getattr(l_1_g, 'grouped')) and environment.getattr(l_1_g, 'total')):
            pass
            t_16.extend((
                escape(environment.finalize(environment.call(context, (undefined(name='milestone_list') if l_0_milestone_list is missing else l_0_milestone_list), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'rows')))),
                '\n',
            ))
        elif environment.getattr(l_1_g, 'grouped'):
            pass
            t_16.extend((
                escape(environment.finalize(environment.call(context, (undefined(name='group_note') if l_0_group_note is missing else l_0_group_note), l_1_g, 'milestones'))),
                '\n',
            ))
            for l_2_grp in environment.getattr(l_1_g, 'groups'):
                _loop_vars = {}
                pass
                t_16.extend((
                    escape(environment.finalize(environment.call(context, (undefined(name='group_open') if l_0_group_open is missing else l_0_group_open), l_1_g, l_2_grp, _loop_vars=_loop_vars))),
                    '\n  ',
                    escape(environment.finalize(environment.call(context, (undefined(name='milestone_list') if l_0_milestone_list is missing else l_0_milestone_list), environment.getattr(l_2_grp, 'rows'), _loop_vars=_loop_vars))),
                    '\n</details>\n',
                ))
            l_2_grp = missing
        t_16.append(
            escape(environment.finalize(environment.call(context, (undefined(name='waiting_note') if l_0_waiting_note is missing else l_0_waiting_note), l_1_g))),
        )
        return concat(t_16)
    context.exported_vars.add('milestone_list_groups')
    context.vars['milestone_list_groups'] = l_0_milestone_list_groups = Macro(environment, macro, 'milestone_list_groups', ('g',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_rows, l_1_caption):
        t_17 = []
        if l_1_rows is missing:
            l_1_rows = undefined("parameter 'rows' was not provided", name='rows')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        pass
        t_17.extend((
            '<div class="table-scroll">\n<table class="objectives">\n  <caption>',
            escape(environment.finalize(l_1_caption)),
            '</caption>\n  <thead><tr><th scope="col">Objective</th><th scope="col">Team</th><th scope="col">Status</th><th scope="col" class="col-progress">Progress</th><th scope="col" class="num">Key results</th></tr></thead>\n  <tbody>\n',
        ))
        for l_2_o in l_1_rows:
            _loop_vars = {}
            pass
            t_17.extend((
                '    <tr>\n      <th scope="row"><a href="',
                escape(environment.finalize(environment.getattr(l_2_o, 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_o, 'title'))),
                '</a>',
            ))
            if environment.getattr(l_2_o, 'owner'):
                pass
                t_17.extend((
                    ' <span class="muted">· ',
                    escape(environment.finalize(environment.getattr(l_2_o, 'owner'))),
                    '</span>',
                ))
            t_17.append(
                '</th>\n      <td class="team">',
            )
            if environment.getattr(l_2_o, 'team'):
                pass
                t_17.extend((
                    '<a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'team'), 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_o, 'team'), 'text'))),
                    '</a>',
                ))
            t_17.extend((
                '</td>\n      <td>',
                escape(environment.finalize(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), environment.getattr(l_2_o, 'status'), _loop_vars=_loop_vars))),
                '</td>\n      <td><div class="progress-line">',
                escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_0_progress is missing else l_0_progress), environment.getattr(l_2_o, 'progress'), markup_join(('Progress of ', environment.getattr(l_2_o, 'title'), )), _loop_vars=_loop_vars))),
                '<span class="progress-value">',
                escape(environment.finalize(environment.getattr(l_2_o, 'progress'))),
                '%</span></div></td>\n      <td class="num">',
                escape(environment.finalize(t_1(environment.getattr(l_2_o, 'krs')))),
                '</td>\n    </tr>\n',
            ))
        l_2_o = missing
        t_17.append(
            '  </tbody>\n</table>\n</div>\n',
        )
        return concat(t_17)
    context.exported_vars.add('objective_table')
    context.vars['objective_table'] = l_0_objective_table = Macro(environment, macro, 'objective_table', ('rows', 'caption'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_layout):
        t_18 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_layout is missing:
            l_1_layout = 'cards'
        pass
        if (not environment.getattr(l_1_g, 'grouped')):
            pass
            if (l_1_layout == 'table'):
                pass
                t_18.append(
                    escape(environment.finalize(environment.call(context, (undefined(name='objective_table') if l_0_objective_table is missing else l_0_objective_table), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'rows'), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'caption')))),
                )
            else:
                pass
                t_18.append(
                    escape(environment.finalize(environment.call(context, (undefined(name='objective_cards') if l_0_objective_cards is missing else l_0_objective_cards), environment.getattr(environment.getitem(environment.getattr(l_1_g, 'groups'), 0), 'rows')))),
                )
        else:
            pass
            t_18.extend((
                escape(environment.finalize(environment.call(context, (undefined(name='group_note') if l_0_group_note is missing else l_0_group_note), l_1_g, 'objectives'))),
                '\n',
            ))
            for l_2_grp in environment.getattr(l_1_g, 'groups'):
                _loop_vars = {}
                pass
                t_18.extend((
                    escape(environment.finalize(environment.call(context, (undefined(name='group_open') if l_0_group_open is missing else l_0_group_open), l_1_g, l_2_grp, _loop_vars=_loop_vars))),
                    '\n',
                ))
                if (l_1_layout == 'table'):
                    pass
                    t_18.append(
                        escape(environment.finalize(environment.call(context, (undefined(name='objective_table') if l_0_objective_table is missing else l_0_objective_table), environment.getattr(l_2_grp, 'rows'), environment.getattr(l_2_grp, 'caption'), _loop_vars=_loop_vars))),
                    )
                else:
                    pass
                    t_18.append(
                        escape(environment.finalize(environment.call(context, (undefined(name='objective_cards') if l_0_objective_cards is missing else l_0_objective_cards), environment.getattr(l_2_grp, 'rows'), _loop_vars=_loop_vars))),
                    )
                t_18.append(
                    '</details>\n',
                )
            l_2_grp = missing
        return concat(t_18)
    context.exported_vars.add('objective_groups')
    context.vars['objective_groups'] = l_0_objective_groups = Macro(environment, macro, 'objective_groups', ('g', 'layout'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m):
        t_19 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        pass
        if environment.getattr(l_1_m, 'total'):
            pass
            t_19.extend((
                '<section class="backlinks" aria-labelledby="mentioned-in">\n  <h2 id="mentioned-in">Mentioned in <span class="muted">(',
                escape(environment.finalize(environment.getattr(l_1_m, 'total'))),
                ')</span></h2>\n',
            ))
            if environment.getattr(l_1_m, 'grouped'):
                pass
                t_19.append(
                    escape(environment.finalize(environment.call(context, (undefined(name='group_note') if l_0_group_note is missing else l_0_group_note), l_1_m, 'pages'))),
                )
            for l_2_grp in environment.getattr(l_1_m, 'groups'):
                _loop_vars = {}
                pass
                if environment.getattr(l_1_m, 'grouped'):
                    pass
                    t_19.append(
                        escape(environment.finalize(environment.call(context, (undefined(name='group_open') if l_0_group_open is missing else l_0_group_open), l_1_m, l_2_grp, _loop_vars=_loop_vars))),
                    )
                t_19.append(
                    '  <ul>\n',
                )
                for l_3_l in environment.getattr(l_2_grp, 'rows'):
                    _loop_vars = {}
                    pass
                    t_19.extend((
                        '<li><a href="',
                        escape(environment.finalize(environment.getattr(l_3_l, 'href'))),
                        '">',
                        escape(environment.finalize(environment.getattr(l_3_l, 'text'))),
                        '</a></li>',
                    ))
                l_3_l = missing
                t_19.append(
                    '  </ul>\n',
                )
                if environment.getattr(l_1_m, 'grouped'):
                    pass
                    t_19.append(
                        '</details>',
                    )
            l_2_grp = missing
            t_19.append(
                '</section>\n',
            )
        return concat(t_19)
    context.exported_vars.add('mentioned')
    context.vars['mentioned'] = l_0_mentioned = Macro(environment, macro, 'mentioned', ('m',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_q):
        t_20 = []
        if l_1_q is missing:
            l_1_q = undefined("parameter 'q' was not provided", name='q')
        pass
        if environment.getattr(l_1_q, 'diagram'):
            pass
            t_20.extend((
                '<figure class="diagram">\n  <div class="diagram-scroll">\n    <div class="rmd-grid" style="grid-template-columns: ',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'label_share'))),
                '% 1fr">\n      <div class="rmd-corner">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'corner'))),
                '</div>\n      <div class="rmd-head">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'head'))),
                '</div>\n      <div class="rmd-lanecol">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'lanes'))),
                '</div>\n      <div class="rmd-plot">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'plot'))),
                '</div>\n    </div>\n  </div>\n  <div class="rmd-legend-box">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'diagram'), 'legend'))),
                '</div>\n',
            ))
            if environment.getattr(l_1_q, 'svg_href'):
                pass
                t_20.extend((
                    '<figcaption><a href="',
                    escape(environment.finalize(environment.getattr(l_1_q, 'svg_href'))),
                    '">Open the ',
                    escape(environment.finalize(environment.getattr(l_1_q, 'name'))),
                    ' diagram as an SVG file</a></figcaption>',
                ))
            t_20.append(
                '</figure>\n',
            )
        if (environment.getattr(l_1_q, 'empty_lanes') and environment.getattr(l_1_q, 'empty_lanes_folded')):
            pass
            t_20.extend((
                '<details class="unscheduled">\n  <summary class="unscheduled-title">',
                escape(environment.finalize(t_1(environment.getattr(l_1_q, 'empty_lanes')))),
                ' objectives with no milestone scheduled in ',
                escape(environment.finalize(environment.getattr(l_1_q, 'name'))),
                ' <span class="muted">(not in the diagram)</span></summary>\n  <ul class="milestone-list">',
            ))
            for l_2_o in environment.getattr(l_1_q, 'empty_lanes'):
                _loop_vars = {}
                pass
                t_20.extend((
                    '<li><a href="',
                    escape(environment.finalize(environment.getattr(l_2_o, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_o, 'text'))),
                    '</a></li>',
                ))
            l_2_o = missing
            t_20.append(
                '</ul>\n</details>\n',
            )
        elif environment.getattr(l_1_q, 'empty_lanes'):
            pass
            t_20.extend((
                '<div class="unscheduled">\n  <p class="unscheduled-title">Objectives with no milestone scheduled in ',
                escape(environment.finalize(environment.getattr(l_1_q, 'name'))),
                ' <span class="muted">(not in the diagram)</span></p>\n  <ul class="milestone-list">',
            ))
            for l_2_o in environment.getattr(l_1_q, 'empty_lanes'):
                _loop_vars = {}
                pass
                t_20.extend((
                    '<li><a href="',
                    escape(environment.finalize(environment.getattr(l_2_o, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_o, 'text'))),
                    '</a></li>',
                ))
            l_2_o = missing
            t_20.append(
                '</ul>\n</div>\n',
            )
        if environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'count'):
            pass
            t_20.extend((
                '<div class="unscheduled backlog-preview">\n  <p class="unscheduled-title">Not scheduled yet <span class="muted">(',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'count'))),
                ', not in the diagram',
            ))
            if environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'more'):
                pass
                t_20.append(
                    '; the most voted first',
                )
            t_20.append(
                ')</span></p>\n  <ul class="milestone-list">\n',
            )
            for l_2_m in environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'rows'):
                _loop_vars = {}
                pass
                t_20.extend((
                    '    <li><a href="',
                    escape(environment.finalize(environment.getattr(l_2_m, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_m, 'title'))),
                    '</a> <span class="badge ',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'class'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'type'), 'label'))),
                    '</span>',
                ))
                if (environment.getattr(l_2_m, 'status_value') != 'planned'):
                    pass
                    t_20.extend((
                        ' <span class="badge ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'class'))),
                        '">',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_m, 'status'), 'label'))),
                        '</span>',
                    ))
                if environment.getattr(l_2_m, 'votes'):
                    pass
                    t_20.extend((
                        ' <span class="muted">',
                        escape(environment.finalize(environment.getattr(l_2_m, 'votes'))),
                        ' vote',
                    ))
                    if (environment.getattr(l_2_m, 'votes') != 1):
                        pass
                        t_20.append(
                            's',
                        )
                    t_20.append(
                        '</span>',
                    )
                t_20.append(
                    '</li>\n',
                )
            l_2_m = missing
            t_20.append(
                '  </ul>\n',
            )
            if environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'more'):
                pass
                t_20.extend((
                    '<p class="more"><a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'backlog_href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_1_q, 'unscheduled'), 'more'))),
                    ' more in the backlog</a></p>',
                ))
            t_20.append(
                '</div>\n',
            )
        return concat(t_20)
    context.exported_vars.add('diagram')
    context.vars['diagram'] = l_0_diagram = Macro(environment, macro, 'diagram', ('q',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '1=24&3=42&4=51&5=55&9=62&11=70&13=75&14=79&15=112&17=117&18=122&26=160&28=196&30=216&32=225&33=228&36=265&39=268&41=273&42=285&43=292&44=305&51=347&53=352&54=363&55=374&59=396&61=401&67=440&68=445&70=449&71=451&76=458&79=471&81=474&84=491&85=496&86=502&88=518&89=522&90=527&91=551&92=570&93=573&101=609&103=617&104=622&110=657&111=674&113=683&116=728&118=775&119=784&120=790&121=793&122=796&123=800&124=802&127=807&129=813&130=818&131=824&132=827&133=830&134=834&135=836&138=841&140=847&143=856&146=859&148=864&149=879&150=890&151=892&152=896&160=907&161=914&163=929&164=932&165=936&166=939&172=957&173=962&175=966&176=969&177=974&178=977&180=985&182=999&188=1012&189=1017&192=1021&193=1023&194=1025&195=1027&196=1029&199=1031&200=1034&203=1046&205=1050&206=1055&208=1069&210=1073&211=1076&214=1090&216=1094&218=1105&219=1110&222=1150'
