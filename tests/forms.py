"""What a browser sends for a form as the server rendered it."""

from bs4 import BeautifulSoup


def browser_form_data(html, form_id):
    """What a browser would send for the form `form_id` as rendered (no JavaScript): {name: [values]}."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, form_id
    data = {}
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or "__prefix__" in name or control.find_parent("template") or control.has_attr("disabled"):
            continue
        if control.name == "input":
            kind = control.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if control.has_attr("checked"):
                    data.setdefault(name, []).append(control.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                data.setdefault(name, []).append(control.get("value", ""))
        elif control.name == "textarea":
            text = control.get_text()
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        else:
            options = control.find_all("option")
            chosen = [option.get("value", option.get_text()) for option in options if option.has_attr("selected")]
            if not chosen and not control.has_attr("multiple") and options:
                chosen = [options[0].get("value", options[0].get_text())]
            data.setdefault(name, []).extend(chosen)
    return data
