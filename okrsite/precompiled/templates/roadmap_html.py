from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'roadmap.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_milestone_table = l_0_diagram = missing
    pass
    parent_template = environment.get_template('base.html', 'roadmap.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'roadmap.html')._get_default_module(context)
    l_0_milestone_table = getattr(included_template, 'milestone_table', missing)
    if l_0_milestone_table is missing:
        l_0_milestone_table = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'roadmap.html') does not export the requested name 'milestone_table'", name='milestone_table')
    l_0_diagram = getattr(included_template, 'diagram', missing)
    if l_0_diagram is missing:
        l_0_diagram = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'roadmap.html') does not export the requested name 'diagram'", name='diagram')
    context.vars.update({'milestone_table': l_0_milestone_table, 'diagram': l_0_diagram})
    context.exported_vars.difference_update(('milestone_table', 'diagram'))
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'roadmap'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_heading = resolve('heading')
    l_0_lead = resolve('lead')
    l_0_years = resolve('years')
    l_0_zooms = resolve('zooms')
    l_0_quarter_links = resolve('quarter_links')
    l_0_groupings = resolve('groupings')
    l_0_filters = resolve('filters')
    l_0_all_href = resolve('all_href')
    l_0_filtered = resolve('filtered')
    l_0_period = resolve('period')
    l_0_diagram = resolve('diagram')
    l_0_quarter = resolve('quarter')
    l_0_milestone_table = resolve('milestone_table')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<div class="page-head">\n  <h1>'
    yield escape(environment.finalize((undefined(name='heading') if l_0_heading is missing else l_0_heading)))
    yield '</h1>\n  <p class="lead">'
    yield escape(environment.finalize((undefined(name='lead') if l_0_lead is missing else l_0_lead)))
    yield '</p>\n</div>\n<nav class="filters" aria-label="Roadmap views">\n  <div class="filter-group">\n    <span class="filter-name">Year</span>\n    <ul>'
    for l_1_y in (undefined(name='years') if l_0_years is missing else l_0_years):
        _loop_vars = {}
        pass
        yield '<li><a class="chip" href="'
        yield escape(environment.finalize(environment.getattr(l_1_y, 'href')))
        yield '"'
        if environment.getattr(l_1_y, 'current'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.finalize(environment.getattr(l_1_y, 'text')))
        yield '</a></li>'
    l_1_y = missing
    yield '</ul>\n  </div>\n  <div class="filter-group">\n    <span class="filter-name">Zoom</span>\n    <ul>'
    for l_1_z in (undefined(name='zooms') if l_0_zooms is missing else l_0_zooms):
        _loop_vars = {}
        pass
        yield '<li><a class="chip" href="'
        yield escape(environment.finalize(environment.getattr(l_1_z, 'href')))
        yield '"'
        if environment.getattr(l_1_z, 'current'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.finalize(environment.getattr(l_1_z, 'text')))
        yield '</a></li>'
    l_1_z = missing
    for l_1_z in (undefined(name='quarter_links') if l_0_quarter_links is missing else l_0_quarter_links):
        _loop_vars = {}
        pass
        yield '<li><a class="chip" href="'
        yield escape(environment.finalize(environment.getattr(l_1_z, 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_z, 'text')))
        yield '</a></li>'
    l_1_z = missing
    yield '</ul>\n  </div>\n  <div class="filter-group">\n    <span class="filter-name">Lanes</span>\n    <ul>'
    for l_1_g in (undefined(name='groupings') if l_0_groupings is missing else l_0_groupings):
        _loop_vars = {}
        pass
        yield '<li><a class="chip" href="'
        yield escape(environment.finalize(environment.getattr(l_1_g, 'href')))
        yield '"'
        if environment.getattr(l_1_g, 'current'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.finalize(environment.getattr(l_1_g, 'text')))
        yield '</a></li>'
    l_1_g = missing
    yield '</ul>\n  </div>\n'
    if (undefined(name='filters') if l_0_filters is missing else l_0_filters):
        pass
        yield '  <p><a href="'
        yield escape(environment.finalize((undefined(name='all_href') if l_0_all_href is missing else l_0_all_href)))
        yield '"'
        if (not (undefined(name='filtered') if l_0_filtered is missing else l_0_filtered)):
            pass
            yield ' aria-current="page"'
        yield ' class="chip">All milestones</a></p>\n'
        for l_1_group in (undefined(name='filters') if l_0_filters is missing else l_0_filters):
            _loop_vars = {}
            pass
            yield '  <div class="filter-group">\n    <span class="filter-name">'
            yield escape(environment.finalize(environment.getattr(l_1_group, 'name')))
            yield '</span>\n    <ul>\n'
            for l_2_option in environment.getattr(l_1_group, 'options'):
                _loop_vars = {}
                pass
                yield '      <li><a class="chip" href="'
                yield escape(environment.finalize(environment.getattr(l_2_option, 'href')))
                yield '" data-dimension="'
                yield escape(environment.finalize(environment.getattr(l_1_group, 'dimension')))
                yield '" data-value="'
                yield escape(environment.finalize(environment.getattr(l_2_option, 'value')))
                yield '"'
                if environment.getattr(l_2_option, 'current'):
                    pass
                    yield ' aria-current="page"'
                yield '>'
                yield escape(environment.finalize(environment.getattr(l_2_option, 'text')))
                yield '</a></li>\n'
            l_2_option = missing
            if environment.getattr(l_1_group, 'more'):
                pass
                yield '<li><a class="chip" href="'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_group, 'more'), 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_group, 'more'), 'text')))
                yield '</a></li>'
            yield '    </ul>\n  </div>\n'
        l_1_group = missing
    yield '</nav>\n<section class="roadmap-quarter" aria-labelledby="period">\n  <h2 id="period">'
    yield escape(environment.finalize((undefined(name='period') if l_0_period is missing else l_0_period)))
    yield '</h2>\n  '
    yield escape(environment.finalize(environment.call(context, (undefined(name='diagram') if l_0_diagram is missing else l_0_diagram), (undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), _block_vars=_block_vars)))
    yield '\n'
    if environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestones'):
        pass
        yield '  <details class="table-details">\n    <summary>The '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestones'))))
        yield ' milestones of '
        yield escape(environment.finalize((undefined(name='period') if l_0_period is missing else l_0_period)))
        yield ' as a table</summary>\n    '
        yield escape(environment.finalize(environment.call(context, (undefined(name='milestone_table') if l_0_milestone_table is missing else l_0_milestone_table), environment.getattr((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter), 'milestones'), markup_join(('Milestones in ', (undefined(name='period') if l_0_period is missing else l_0_period), )), _block_vars=_block_vars)))
        yield '\n  </details>\n'
    else:
        pass
        yield '  <p class="empty">No milestones'
        if (undefined(name='filtered') if l_0_filtered is missing else l_0_filtered):
            pass
            yield ' match this filter'
        yield ' in '
        yield escape(environment.finalize((undefined(name='period') if l_0_period is missing else l_0_period)))
        yield '.</p>\n'
    yield '</section>\n'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=13&2=16&3=27&4=37&6=65&7=67&12=69&16=83&17=96&21=106&23=120&24=123&25=129&27=133&29=135&30=139&32=152&39=162&40=164&41=166&43=169&44=173&47=178'
