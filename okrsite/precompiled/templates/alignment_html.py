from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'alignment.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_grade_badge = l_0_node_card = missing
    try:
        t_1 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    pass
    parent_template = environment.get_template('base.html', 'alignment.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'alignment.html')._get_default_module(context)
    l_0_grade_badge = getattr(included_template, 'grade_badge', missing)
    if l_0_grade_badge is missing:
        l_0_grade_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'alignment.html') does not export the requested name 'grade_badge'", name='grade_badge')
    context.vars['grade_badge'] = l_0_grade_badge
    context.exported_vars.discard('grade_badge')
    def macro(l_1_n):
        t_2 = []
        if l_1_n is missing:
            l_1_n = undefined("parameter 'n' was not provided", name='n')
        pass
        t_2.extend((
            '<div class="node">\n  <p class="node-title"><a href="',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'link'), 'href'))),
            '">',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'link'), 'text'))),
            '</a> <span class="badge period">',
            escape(environment.finalize(environment.getattr(l_1_n, 'period'))),
            '</span> <span class="badge ',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'commitment'), 'class'))),
            '">',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'commitment'), 'label'))),
            '</span>',
        ))
        if (environment.getattr(l_1_n, 'status') == 'dropped'):
            pass
            t_2.append(
                ' <span class="badge status-dropped">Dropped</span>',
            )
        t_2.append(
            '</p>\n  <p class="meta">',
        )
        if environment.getattr(l_1_n, 'team'):
            pass
            t_2.extend((
                '<a href="',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'team'), 'href'))),
                '">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_n, 'team'), 'text'))),
                '</a>',
            ))
        if (environment.getattr(l_1_n, 'team') and environment.getattr(l_1_n, 'owner')):
            pass
            t_2.append(
                ' · ',
            )
        if environment.getattr(l_1_n, 'owner'):
            pass
            t_2.append(
                escape(environment.finalize(environment.getattr(l_1_n, 'owner'))),
            )
        t_2.extend((
            ' <span class="num">',
            escape(environment.finalize(environment.getattr(l_1_n, 'progress'))),
            '%</span>',
        ))
        if environment.getattr(l_1_n, 'grade'):
            pass
            t_2.extend((
                ' ',
                escape(environment.finalize(environment.call(context, (undefined(name='grade_badge') if l_0_grade_badge is missing else l_0_grade_badge), environment.getattr(l_1_n, 'grade')))),
            ))
        t_2.append(
            '</p>\n',
        )
        if environment.getattr(l_1_n, 'krs'):
            pass
            t_2.append(
                '  <ul class="node-krs">\n',
            )
            for l_2_kr in environment.getattr(l_1_n, 'krs'):
                _loop_vars = {}
                pass
                t_2.extend((
                    '    <li><a href="',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_kr, 'link'), 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_kr, 'link'), 'text'))),
                    '</a> <span class="num">',
                    escape(environment.finalize(environment.getattr(l_2_kr, 'progress'))),
                    '%</span>',
                ))
                if environment.getattr(l_2_kr, 'grade'):
                    pass
                    t_2.extend((
                        ' <span class="grade-text ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_kr, 'grade'), 'class'))),
                        '">grade ',
                        escape(environment.finalize(environment.getattr(environment.getattr(l_2_kr, 'grade'), 'value'))),
                        '</span>',
                    ))
                if environment.getattr(l_2_kr, 'dropped'):
                    pass
                    t_2.append(
                        ' <span class="badge status-dropped">Dropped</span>',
                    )
                if environment.getattr(l_2_kr, 'milestones'):
                    pass
                    t_2.append(
                        '      <ul class="node-milestones">',
                    )
                    for l_3_m in environment.getattr(l_2_kr, 'milestones'):
                        _loop_vars = {}
                        pass
                        t_2.extend((
                            '<li><a href="',
                            escape(environment.finalize(environment.getattr(environment.getattr(l_3_m, 'link'), 'href'))),
                            '">',
                            escape(environment.finalize(environment.getattr(environment.getattr(l_3_m, 'link'), 'text'))),
                            '</a> <span class="muted">',
                            escape(environment.finalize(t_1(context.eval_ctx, environment.getattr(l_3_m, 'status'), '-', ' '))),
                            ', ',
                            escape(environment.finalize(environment.getattr(l_3_m, 'completion'))),
                            '%</span></li>',
                        ))
                    l_3_m = missing
                    t_2.append(
                        '</ul>',
                    )
                t_2.append(
                    '</li>\n',
                )
            l_2_kr = missing
            t_2.append(
                '  </ul>\n',
            )
        t_2.append(
            '</div>\n',
        )
        return concat(t_2)
    context.exported_vars.add('node_card')
    context.vars['node_card'] = l_0_node_card = Macro(environment, macro, 'node_card', ('n',), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_tree = resolve('tree')
    pass
    yield '<div class="page-head">\n  <h1>Alignment</h1>\n  <p class="lead">How the objectives contribute to each other: from the year and half-year objectives down to the quarters\', with their key results, milestones, progress and grades.</p>\n</div>\n<section aria-labelledby="tree">\n  <h2 id="tree">The alignment tree</h2>\n'
    if environment.getattr((undefined(name='tree') if l_0_tree is missing else l_0_tree), 'events'):
        pass
        for l_1_e in environment.getattr((undefined(name='tree') if l_0_tree is missing else l_0_tree), 'events'):
            l_1_node_card = resolve('node_card')
            _loop_vars = {}
            pass
            if (environment.getattr(l_1_e, 'kind') == 'ul'):
                pass
                yield '<ul class="'
                yield escape(environment.finalize(('tree' if (environment.getattr(l_1_e, 'depth') == 0) else 'subtree')))
                yield '">\n'
            elif (environment.getattr(l_1_e, 'kind') == 'li'):
                pass
                yield '<li>'
                yield escape(environment.finalize(environment.call(context, (undefined(name='node_card') if l_1_node_card is missing else l_1_node_card), environment.getattr(l_1_e, 'node'), _loop_vars=_loop_vars)))
                yield '\n'
            elif (environment.getattr(l_1_e, 'kind') == '/li'):
                pass
                yield '</li>\n'
            else:
                pass
                yield '</ul>\n'
        l_1_e = l_1_node_card = missing
    else:
        pass
        yield '  <p class="empty">No objective names a parent yet: add <code>parent:</code> to an objective to align it with a longer one.</p>\n'
    yield '</section>\n<section aria-labelledby="unaligned">\n  <h2 id="unaligned">Unaligned objectives</h2>\n'
    if environment.getattr((undefined(name='tree') if l_0_tree is missing else l_0_tree), 'unaligned'):
        pass
        yield '  <p class="muted">Objectives with no parent that no objective names as its parent.</p>\n  <ul class="unaligned">\n'
        for l_1_n in environment.getattr((undefined(name='tree') if l_0_tree is missing else l_0_tree), 'unaligned'):
            l_1_node_card = resolve('node_card')
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(environment.call(context, (undefined(name='node_card') if l_1_node_card is missing else l_1_node_card), l_1_n, _loop_vars=_loop_vars)))
            yield '</li>'
        l_1_n = l_1_node_card = missing
        yield '  </ul>\n'
    else:
        pass
        yield '  <p class="empty">Every objective is aligned.</p>\n'
    yield '</section>\n'

blocks = {'content': block_content}
debug_info = '1=19&2=22&3=28&5=35&6=54&7=87&9=92&10=97&11=123&17=156&24=166&25=168&26=172&27=177&28=182&38=193&41=196'
