def formset_data(objects, fields, changes=None, *, key=None, prefix="form"):
    """The POST data a browser sends from a page with one form per object, as the user left it.

    Each field is sent twice, as the page renders it: its value, and the value first shown in
    a hidden "initial-" input. `changes` maps an object's key (`key(obj, index)`, by default its
    position on the page) to the fields the user changed.
    """
    objects, changes = list(objects), changes or {}
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(objects)),
        f"{prefix}-INITIAL_FORMS": str(len(objects)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, obj in enumerate(objects):
        changed = changes.get(key(obj, index) if key else index, {})
        data[f"{prefix}-{index}-id"] = str(obj.pk)
        for name in fields:
            shown = getattr(obj, name)
            shown = "" if shown is None else str(shown)
            data[f"initial-{prefix}-{index}-{name}"] = shown
            data[f"{prefix}-{index}-{name}"] = changed.get(name, shown)
    return data
