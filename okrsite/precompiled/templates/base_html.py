from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_page = resolve('page')
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language')))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<title>'
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title') != environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')):
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title')))
        yield ' · '
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield '</title>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'):
        pass
        yield '<meta name="description" content="'
        yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description')))
        yield '">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'canonical'):
        pass
        yield '<link rel="canonical" href="'
        yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'canonical')))
        yield '">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'inline_css'):
        pass
        yield '<style>'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'inline_css')))
        yield '</style>\n'
    else:
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'stylesheet')))
        yield '">\n'
        if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'planning_stylesheet'):
            pass
            yield '<link rel="stylesheet" href="'
            yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'planning_stylesheet')))
            yield '">\n'
        if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'history_stylesheet'):
            pass
            yield '<link rel="stylesheet" href="'
            yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'history_stylesheet')))
            yield '">\n'
    yield '<link rel="icon" href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'favicon')))
    yield '" type="image/svg+xml">\n<link rel="alternate" type="application/json" href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'json')))
    yield '" title="Roadmap data (JSON)">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feed'):
        pass
        yield '<link rel="alternate" type="application/atom+xml" href="'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feed')))
        yield '" title="Roadmap changes (Atom)">\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="'
    yield from context.blocks['body_class'][0](context)
    yield '">\n<a class="skip-link" href="#main">Skip to content</a>\n<header class="site-header">\n  <div class="wrap header-inner">\n    <a class="brand" href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'home')))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield '</a>\n    <nav class="site-nav" aria-label="Site">\n      <ul>\n'
    for l_1_item in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'nav'):
        _loop_vars = {}
        pass
        yield '        <li><a href="'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'href')))
        yield '"'
        if environment.getattr(l_1_item, 'current'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.finalize(environment.getattr(l_1_item, 'text')))
        yield '</a></li>\n'
    l_1_item = missing
    yield '      </ul>\n    </nav>\n    <div class="site-search" data-root="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root')))
    yield '"><a class="search-link" href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'search_fallback')))
    yield '">Search</a></div>\n  </div>\n</header>\n<main id="main" class="wrap">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n<footer class="site-footer">\n  <div class="wrap footer-inner">\n    <p>As of '
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'today')))
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'edit'):
        pass
        yield ' · <a href="'
        yield escape(environment.finalize(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'edit')))
        yield '">Edit this page</a>'
    yield '</p>\n    <p><a href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'json')))
    yield '">roadmap.json</a> · <a href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'ics')))
    yield '">Calendar (.ics)</a> · Built with okrsite</p>\n  </div>\n</footer>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'script'):
        pass
        yield '<script src="'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'script')))
        yield '" defer></script>\n'
    yield from context.blocks['scripts'][0](context)
    yield '</body>\n</html>\n'

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_body_class(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'head': block_head, 'body_class': block_body_class, 'content': block_content, 'scripts': block_scripts}
debug_info = '2=14&7=16&8=22&9=25&11=27&12=30&14=32&15=35&17=40&18=42&19=45&21=47&22=50&25=53&26=55&27=57&28=60&30=62&32=64&36=66&39=70&40=74&44=84&48=88&52=90&53=97&56=101&57=104&59=106&30=109&32=118&48=127&59=136'
