"""okrsite: a static-site generator for OKR roadmaps."""

__version__ = "0.1.0"

# okrsite's GitHub repository: also its GitHub Action (action.yml), which the workflows written
# by `okrsite init` use as `uses: GITHUB_REPOSITORY@v__version__` (a fork changes it there).
GITHUB_REPOSITORY = "okrsite/okrsite"
