from html.parser import HTMLParser


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


class _FormReader(HTMLParser):
    """Collect what a browser would send from the page's POST forms, as they are shown."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = []
            self.forms.append(self._form)
        if self._form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "reset"):
                self._form.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self._form.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            name, selected, first = self._select
            self._form.append((name, selected if selected is not None else first or ""))
            self._select = None


def form_as_shown(html: str, index: int = -1) -> dict:
    """The data a browser posts when the user presses Save on the page's `index`-th POST form
    (the last by default) without touching anything."""
    reader = _FormReader()
    reader.feed(html)
    data = {}
    for name, value in reader.forms[index]:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}
