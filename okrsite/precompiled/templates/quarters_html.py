from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'quarters.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_progress = missing
    pass
    parent_template = environment.get_template('base.html', 'quarters.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'quarters.html')._get_default_module(context)
    l_0_progress = getattr(included_template, 'progress', missing)
    if l_0_progress is missing:
        l_0_progress = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'quarters.html') does not export the requested name 'progress'", name='progress')
    context.vars['progress'] = l_0_progress
    context.exported_vars.discard('progress')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_quarters = resolve('quarters')
    pass
    yield '<div class="page-head"><h1>Quarters</h1></div>\n<div class="table-scroll">\n<table>\n  <caption>Every quarter of the roadmap, newest first</caption>\n  <thead><tr><th scope="col">Quarter</th><th scope="col">Dates</th><th scope="col">Objectives</th><th scope="col">Milestones</th><th scope="col">Progress</th></tr></thead>\n  <tbody>\n'
    for l_1_q in (undefined(name='quarters') if l_0_quarters is missing else l_0_quarters):
        l_1_progress = resolve('progress')
        _loop_vars = {}
        pass
        yield '    <tr'
        if environment.getattr(l_1_q, 'current'):
            pass
            yield ' class="current"'
        yield '>\n      <th scope="row"><a href="'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'href')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'name')))
        yield '</a>'
        if environment.getattr(l_1_q, 'current'):
            pass
            yield ' <span class="badge status-current">Now</span>'
        yield '</th>\n      <td>'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'dates')))
        yield '</td>\n      <td class="num">'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'objectives')))
        yield '</td>\n      <td class="num">'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'milestones')))
        yield '</td>\n      <td><div class="progress-line">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='progress') if l_1_progress is missing else l_1_progress), environment.getattr(l_1_q, 'progress'), markup_join(('Progress of ', environment.getattr(l_1_q, 'name'), )), _loop_vars=_loop_vars)))
        yield '<span class="progress-value">'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'progress')))
        yield '%</span></div></td>\n    </tr>\n'
    l_1_q = l_1_progress = missing
    yield '  </tbody>\n</table>\n</div>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=24&10=34&11=39&12=43&13=51&14=53&15=55&16=57'
