"""Post an admin change form as a browser would, with only the fields the page lets a user edit."""

from html.parser import HTMLParser


class _ChangeFormParser(HTMLParser):
    """Collect what a browser sends from the page's change form (`<form id="…_form">`)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self.in_form = False
        self.textarea: str | None = None
        self.text = ""
        self.select: tuple[str, bool] | None = None  # its name, and whether it is multiple
        self.options: list[tuple[str, bool]] = []  # each option's value, and whether selected
        self.option_text: str | None = None

    def add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:  # the template of a new inline row, which Django ignores
            self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
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
        if tag == "form":
            self.in_form = False
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


def change_form_data(response, changes: dict | None = None) -> dict:
    """The data the page's change form posts, as the page shows it, with `changes`.

    A change to None leaves the field out, as a browser does with an unticked checkbox.
    """
    parser = _ChangeFormParser()
    parser.feed(response.content.decode())
    data = {
        name: values[0] if len(values) == 1 else values for name, values in parser.fields.items()
    }
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
