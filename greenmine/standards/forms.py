"""Forms of the standards pages. They only parse input; the services decide."""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from greenmine.standards.document import DocumentInvalid, read_yaml
from greenmine.standards.validation import format_issue

MAX_UPLOAD = 5 * 1024 * 1024  # a standard is a few hundred KB at most


def parse_yaml_text(text: str) -> object:
    """YAML text → a mapping, or a ValidationError with the parser's message (never an exception)."""
    if len(text) > MAX_UPLOAD:
        raise ValidationError(_("The document is too large."))
    try:
        data = read_yaml(text if "\n" in text else text + "\n")
    except DocumentInvalid as exc:
        raise ValidationError([format_issue(i) for i in exc.report.errors]) from None
    if not isinstance(data, dict):
        raise ValidationError(_("The document must be a YAML mapping (code: …, title: …, indicators: …)."))
    return data


def dump_yaml(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


class YamlImportForm(forms.Form):
    yaml_file = forms.FileField(label=_("YAML file"), required=False)
    yaml_text = forms.CharField(
        label=_("Or paste the YAML document"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "font-monospace", "spellcheck": "false"}),
    )
    publish = forms.BooleanField(label=_("Publish it at once (requires a complete standard)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("yaml_file")
        text = data.get("yaml_text") or ""
        if upload is not None:
            if upload.size > MAX_UPLOAD:
                raise ValidationError({"yaml_file": _("The file is too large.")})
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError({"yaml_file": _("The file is not UTF-8 text.")}) from None
        if not text.strip():
            raise ValidationError(_("Choose a YAML file or paste the document."))
        try:
            data["document"] = parse_yaml_text(text)
        except ValidationError as exc:
            raise ValidationError(
                {"yaml_file" if upload is not None else "yaml_text": exc.messages}
            ) from None
        return data


class ExcelImportForm(forms.Form):
    excel_file = forms.FileField(label=_("Excel file (.xlsx) filled in from the template"))
    publish = forms.BooleanField(label=_("Publish it at once (requires a complete standard)"), required=False)

    def clean_excel_file(self) -> Any:
        upload = self.cleaned_data["excel_file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("The file is too large."))
        return upload


class DraftEditForm(forms.Form):
    yaml_text = forms.CharField(
        label=_("Document (YAML)"),
        widget=forms.Textarea(attrs={"rows": 30, "class": "font-monospace", "spellcheck": "false"}),
    )

    def clean_yaml_text(self) -> object:
        return parse_yaml_text(self.cleaned_data["yaml_text"])


class NewVersionForm(forms.Form):
    new_version = forms.CharField(
        label=_("New version"), max_length=64, help_text=_("Letters, digits, dots, dashes, e.g. 2025.1")
    )


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked this version; publish it. It cannot be changed afterwards.")
    )
