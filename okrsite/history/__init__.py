"""Change over time, read from git (spec section 15).

- `git`: the few git commands used (one process per use, never one per file);
- `records` and `compare`: an entity's comparable state, and the changes between two states;
- `revision` and `diff`: `okrsite diff` — two revisions through the whole pipeline;
- `report`: changes in words (summary line, text, Markdown, JSON).
"""
