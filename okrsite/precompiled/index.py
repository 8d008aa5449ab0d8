"""Made by `python -m okrsite.precompiled`: which built-in template each file of templates/ was
compiled from (its SHA-256), by which Jinja, with which settings. Do not edit."""

JINJA = '3.1.6'
OPTIONS = (True, ('*', '**'), (), False, True, (), True, 'okrsite.render._isolated', '{%', '%}', '{{', '}}', '{#', '#}', None, None, True, True, '\n', True)
TEMPLATES = {
    '(built-in) templates/404-root.js': ('_404_root_js.py', '091682d56c39f12d2b454c0bf672458f7818c9e3cc4db1f8029e613ff678c44a'),
    '(built-in) templates/404.html': ('_404_html.py', '43a23649b82454fcabe432fbb33918b9c7f0128d9b73c4e5a175286f389c3aec'),
    '(built-in) templates/alignment.html': ('alignment_html.py', '57a5b9469f0f6d3505c7eb05ba4bfb130e22f48e8c5be8fe42ca57f72a3b2625'),
    '(built-in) templates/backlog.html': ('backlog_html.py', '92e8ca60eeb4c165484cf5fc4f70088ebfcf1b2dbeb6010b75f1eb808f43b55c'),
    '(built-in) templates/base.html': ('base_html.py', 'f1907e3baca096506f1f6557413b25e08baf70eff6ec9a3f3fd3b1d7f34c6ae4'),
    '(built-in) templates/changes.html': ('changes_html.py', '3307845b94a83b1202323173f924450b7d443bde007909ecbacd9c142e89a74f'),
    '(built-in) templates/home.html': ('home_html.py', 'e1aa2ecb2173e58b13e02b7f55a87bb7c819fdd72dbbdab9da88342472b5a294'),
    '(built-in) templates/macros.html': ('macros_html.py', '33eba925769b396053a499853444646df944c0a26cdfbe22e27e3aab2ff0cfa7'),
    '(built-in) templates/milestone.html': ('milestone_html.py', '5935b2ac19ba367ef34eb840e04f13725a9996b76efcb03d32eae711ed228a7e'),
    '(built-in) templates/milestones.html': ('milestones_html.py', '092d4c8e2458cd5e62e62b12b21d07da8176a7d5e2a8fdd69992a6c61a1c6993'),
    '(built-in) templates/objective.html': ('objective_html.py', '5b2a7ebe27e8ab1aec19a09c64bcf86206d78e6169fceca52fdd3dc8cd31abfa'),
    '(built-in) templates/page.html': ('page_html.py', '679ff73b3b6467c07c8e18df7786d22bad20fa38a93b00d7ff4185123cd9e241'),
    '(built-in) templates/pages.html': ('pages_html.py', 'c8cfc9e4cea23527b7c52934d20da8cf73f39ad566d88518a0d9f1100e6364c6'),
    '(built-in) templates/quarter.html': ('quarter_html.py', '0df30e303633557fee950632cc98db868f3707693f5e03751a1702a4498fca31'),
    '(built-in) templates/quarters.html': ('quarters_html.py', 'a344af9b9e834e75edb799af009d36faf17ceb3d11f79ff23543dfa7401c1b84'),
    '(built-in) templates/roadmap.html': ('roadmap_html.py', 'eae3b8da341d9cae2fc58aa0e195d19b3a19b2880da73202bd3d266d0c5e8bc8'),
    '(built-in) templates/team.html': ('team_html.py', 'f58ceabb3bab88a1e8d8a36917f4a43744ffb4276d33648dc93602d2133d9529'),
    '(built-in) templates/teams.html': ('teams_html.py', 'a6215b3cbc5820f6c72958c50f572d36dbfc52833a0d9d594bab0679bd27ccba'),
}
