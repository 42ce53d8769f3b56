__version__ = "0.1.0"

# The public names, importable from `tll` itself (`from tll import TLLData, make_method`). Each is imported on first
# use (PEP 562), so `import tll` and the `tll` command stay quick: torch is loaded only by what needs it.
_PUBLIC = {
    'TLLData': 'data', 'TLLError': 'data', 'Tasks': 'tasks', 'split_pairs': 'tasks', 'make_tasks': 'tasks',
    'candidate_tasks': 'tasks', 'accuracies': 'tasks', 'topk_accuracy': 'tasks', 'write_submission': 'tasks', 'validate': 'tasks',
    'make_method': 'methods', 'get_method': 'methods', 'METHODS': 'methods', 'DEFAULT_METHOD': 'methods',
    'confidences': 'rerank', 'search_gallery': 'gallery_search', 'build_index': 'index', 'search_index': 'gallery_search',
}
__all__ = sorted(_PUBLIC)

def __getattr__(name):
    if name in _PUBLIC:
        import importlib
        v = getattr(importlib.import_module(f'{__name__}.{_PUBLIC[name]}'), name); globals()[name] = v; return v
    raise AttributeError(f"module 'tll' has no attribute {name!r}")

def __dir__(): return sorted(list(globals()) + __all__)
