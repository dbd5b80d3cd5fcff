"""The judicial-path timeline ("frise"): load a case file, compute descriptive indicators, render.

Pipeline: ``loader`` (YAML → validated ``model`` objects, the anonymisation ``guard`` first)
→ ``indicators`` (pure functions over the model) → ``figure`` / ``render`` → ``cli``.
"""
