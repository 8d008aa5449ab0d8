from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'changes.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'changes.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_badge_days = resolve('badge_days')
    l_0_today = resolve('today')
    l_0_feed = resolve('feed')
    l_0_weeks = resolve('weeks')
    l_0_pager = resolve('pager')
    pass
    yield '<div class="page-head">\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title')))
    yield '</h1>\n  <p class="lead">What changed on the roadmap, newest first, from the commits to its files. Milestones added in the '
    yield escape(environment.finalize((undefined(name='badge_days') if l_0_badge_days is missing else l_0_badge_days)))
    yield ' days up to '
    yield escape(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield ' are marked <span class="badge recent-new">New</span>, those rescheduled in that time <span class="badge recent-moved">Moved</span>. Also as a feed: <a href="'
    yield escape(environment.finalize((undefined(name='feed') if l_0_feed is missing else l_0_feed)))
    yield '">changes.xml</a> (Atom).</p>\n</div>\n'
    if (not (undefined(name='weeks') if l_0_weeks is missing else l_0_weeks)):
        pass
        yield '<p class="empty">No changes committed yet.</p>\n'
    for l_1_w in (undefined(name='weeks') if l_0_weeks is missing else l_0_weeks):
        _loop_vars = {}
        pass
        yield '<section class="week" aria-labelledby="'
        yield escape(environment.finalize(environment.getattr(l_1_w, 'anchor')))
        yield '">\n  <h2 id="'
        yield escape(environment.finalize(environment.getattr(l_1_w, 'anchor')))
        yield '"><time datetime="'
        yield escape(environment.finalize(environment.getattr(l_1_w, 'iso')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_w, 'label')))
        yield '</time> <span class="muted">('
        yield escape(environment.finalize(environment.getattr(l_1_w, 'count')))
        yield ' change'
        if (environment.getattr(l_1_w, 'count') != 1):
            pass
            yield 's'
        yield ')</span></h2>\n'
        for l_2_c in environment.getattr(l_1_w, 'commits'):
            _loop_vars = {}
            pass
            yield '  <div class="commit" id="'
            yield escape(environment.finalize(environment.getattr(l_2_c, 'anchor')))
            yield '">\n    <h3 class="commit-title"><time datetime="'
            yield escape(environment.finalize(environment.getattr(l_2_c, 'iso')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_2_c, 'date')))
            yield '</time> <span class="muted">· commit <code>'
            yield escape(environment.finalize(environment.getattr(l_2_c, 'sha')))
            yield '</code></span></h3>\n    <p class="commit-summary">'
            yield escape(environment.finalize(environment.getattr(l_2_c, 'summary')))
            yield '</p>\n'
            if environment.getattr(l_2_c, 'rows'):
                pass
                yield '    <ul class="changes">\n'
                for l_3_r in environment.getattr(l_2_c, 'rows'):
                    _loop_vars = {}
                    pass
                    yield '      <li class="change change-'
                    yield escape(environment.finalize(environment.getattr(l_3_r, 'change')))
                    yield '"><span class="muted">'
                    yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_r, 'entity'), 'kind')))
                    yield '</span> '
                    if environment.getattr(environment.getattr(l_3_r, 'entity'), 'href'):
                        pass
                        yield '<a href="'
                        yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_r, 'entity'), 'href')))
                        yield '">'
                        yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_r, 'entity'), 'text')))
                        yield '</a>'
                    else:
                        pass
                        yield '<span class="gone">'
                        yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_r, 'entity'), 'text')))
                        yield '</span>'
                    yield ' <code class="muted">'
                    yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_r, 'entity'), 'id')))
                    yield '</code>: '
                    yield escape(environment.finalize(environment.getattr(l_3_r, 'what')))
                    yield '</li>\n'
                l_3_r = missing
                yield '    </ul>\n'
            if environment.getattr(l_2_c, 'more'):
                pass
                yield '<p class="muted">'
                yield escape(environment.finalize(environment.getattr(l_2_c, 'more')))
                yield '</p>'
            yield '  </div>\n'
        l_2_c = missing
        yield '</section>\n'
    l_1_w = missing
    if environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'pages'):
        pass
        yield '<nav class="pager" aria-label="Older and newer changes">\n  <ul>\n'
        if environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'newer'):
            pass
            yield '<li><a href="'
            yield escape(environment.finalize(environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'newer')))
            yield '" rel="prev">Newer changes</a></li>'
        for l_1_p in environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'pages'):
            _loop_vars = {}
            pass
            yield '<li>'
            if environment.getattr(l_1_p, 'current'):
                pass
                yield '<span aria-current="page">'
                yield escape(environment.finalize(environment.getattr(l_1_p, 'number')))
                yield '</span>'
            else:
                pass
                yield '<a href="'
                yield escape(environment.finalize(environment.getattr(l_1_p, 'href')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_1_p, 'number')))
                yield '</a>'
            yield '</li>'
        l_1_p = missing
        if environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'older'):
            pass
            yield '<li><a href="'
            yield escape(environment.finalize(environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'older')))
            yield '" rel="next">Older changes</a></li>'
        yield '  </ul>\n</nav>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&4=32&5=34&7=40&10=43&11=47&12=49&13=61&14=65&15=67&16=73&17=75&19=78&20=82&24=105&29=114&32=117&33=122&34=140'
