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
    """Collect what a browser would send from each POST form of the page's main content (not the
    header's or footer's, such as the language switcher), as it is shown: its id, and its
    fields' names and values."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self.fields: list[tuple[str, str]] | None = None
        self.textarea: str | None = None
        self.text = ""
        self.select: tuple[str, bool] | None = None  # its name, and whether it is multiple
        self.options: list[tuple[str | None, bool]] = []  # each option's value, and if selected
        self.option_text: str | None = None

    def add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:  # the template of a new inline row, which Django ignores
            self.fields.append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag == "form" and self.in_main and (attrs.get("method") or "").lower() == "post":
            self.fields = []
            self.forms.append((attrs.get("id") or "", self.fields))
        if self.fields is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
            elif kind not in ("submit", "button", "reset", "file", "image"):
                self.add(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attrs), []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value"), "selected" in attrs))
            self.option_text = "" if attrs.get("value") is None else None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data
        elif self.option_text is not None:
            self.option_text += data

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag == "form":
            self.fields = None
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that Django writes after <textarea>.
            self.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None
        elif tag == "option" and self.option_text is not None:
            self.options[-1] = (self.option_text.strip(), self.options[-1][1])
            self.option_text = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not multiple and not chosen and self.options:
                chosen = [self.options[0][0]]
            for value in chosen:
                self.add(name, value)
            self.select = None


def _as_data(fields) -> dict:
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def form_as_shown(html: str, index: int = -1) -> dict:
    """The data a browser posts when the user presses Save on the page's `index`-th POST form
    (the last by default) without touching anything."""
    reader = _FormReader()
    reader.feed(html)
    return _as_data(reader.forms[index][1])


def change_form_data(response, changes: dict | None = None) -> dict:
    """The data an admin change form (`<form id="…_form">`) posts, as the page shows it, with
    `changes`. A change to None leaves the field out, as a browser does with an unticked box."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = _as_data(next(fields for id, fields in reader.forms if id.endswith("_form")))
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
