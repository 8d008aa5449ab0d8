"""okrsite: a static-site generator for OKR roadmaps."""

__version__ = "0.1.0"
