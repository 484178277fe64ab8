"""Jinja filters that write a free-text answer (project name, description, author) into the
format it lands in, so that no answer can break a generated file or change its meaning.

Each filter takes the answer as a `str` and returns the text to paste into the template, quotes
included where the format has them (`{{ project_name | python_string }}` writes `"My API"`).
The answers are one line (copier.yml refuses control characters), but the filters do not rely on
it: every character comes out as itself when the file is read back.

Copier loads this through copier-template-extensions (see `_jinja_extensions` in copier.yml).
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from xml.sax.saxutils import escape as xml_escape

import markupsafe
import yaml
from jinja2.ext import Extension

try:  # Transliterates every script (Cyrillic, CJK...) into ASCII; see `slug`.
    from slugify import slugify as _python_slugify
except ImportError:  # pragma: no cover - exercised by test_filters with the module hidden
    _python_slugify = None

# A slug: lowercase ASCII letters, digits and single hyphens, starting with a letter (copier.yml
# validates the same); at most 50 characters.
SLUG_MAX = 50
FALLBACK_SLUG = "my-api"


def json_string(value: str) -> str:
    """A JSON string literal (RFC 8259), non-ASCII kept as is: `"R&D \\"x\\""`."""
    return json.dumps(value, ensure_ascii=False)


def _quoted(value: str, quote: str) -> str:
    """`value` between `quote`s, with backslash, that quote and control characters escaped the
    way Python, JavaScript and Java all read them (JSON's escapes are common to the three)."""
    body = json.dumps(value, ensure_ascii=False)[1:-1]
    if quote == "'":
        body = body.replace('\\"', '"').replace("'", "\\'")
    # U+2028/2029 end a line in JavaScript before ES2019 and for str.splitlines(): escaped too.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return quote + body + quote


def _formatter_quote(value: str) -> str:
    """The quote that ruff format (Python) and Prettier (JavaScript) both choose: double, unless
    the text holds more double quotes than single ones. Choosing it here keeps `ruff format
    --check` and `prettier --check` quiet on the generated literal."""
    return "'" if value.count('"') > value.count("'") else '"'


def python_string(value: str) -> str:
    """A Python string literal, quoted as ruff format would: `"R&D 'x'"`, `'say "hi"'`."""
    return _quoted(value, _formatter_quote(value))


def toml_string(value: str) -> str:
    """A TOML basic string. JSON's escapes are TOML's, except that TOML also refuses a raw DEL."""
    return json_string(value).replace("\x7f", "\\u007F")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar, as PyYAML writes it (no line folding, non-ASCII kept)."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.removesuffix("\n")


def _placeholder_end(text: str, start: int) -> int:
    """Where the placeholder opened by the `${` at `start` closes, or -1: Spring's
    `PlaceholderParser` counts every `{` after the prefix as nesting until its `}`."""
    depth = 0
    for index in range(start + 2, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            if not depth:
                return index
            depth -= 1
    return -1


def spring_property(value: str) -> str:
    """The text with Spring's property placeholders made literal: Spring resolves `${name}` in
    every property value (application.yml, environment), and fails at start when `name` is
    unknown. An escape character before the prefix makes it literal (Spring Framework 6.2+,
    `PlaceholderParser`): `\\${EUR}` reads back as `${EUR}`. A `${` that never closes is not a
    placeholder, and Spring would keep an escape in front of it, so only closed ones are escaped.
    Measured against spring-core 7.0.10's `Environment.getProperty` (cases in test_filters)."""
    starts = [m.start() for m in re.finditer(r"\$\{", value)]
    out, previous = [], 0
    for start in starts:
        if _placeholder_end(value, start) != -1:
            out += [value[previous:start], "\\"]
            previous = start
    return "".join([*out, value[previous:]])


def spring_yaml(value: str) -> str:
    """A YAML scalar for a Spring property: placeholders made literal, then YAML-quoted."""
    return yaml_string(spring_property(value))


def xml_text(value: str) -> str:
    """Text for an XML element or a quoted attribute: `&`, `<`, `>`, `"` and `'` as entities."""
    return xml_escape(value, {'"': "&quot;", "'": "&apos;"})


def html_text(value: str) -> str:
    """Text for HTML content or a quoted attribute (markupsafe): `&`, `<`, `>`, `"`, `'`."""
    return str(markupsafe.escape(value))


# CommonMark 2.4: any ASCII punctuation may be backslash-escaped. These are the characters that
# can start markup in a line of inline text (emphasis, code, links, HTML, GFM tables, strikethrough,
# GitHub math, heading closers); the others are escaped only where they would start a block.
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~$#!])")
MARKDOWN_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
MARKDOWN_BLOCK_START = re.compile(r"^(\s*(?:\d+)?)([-+=.)])")


def markdown_text(value: str) -> str:
    """One line of Markdown (CommonMark + GFM) that renders as exactly `value`: `R&D <x>` gives
    `R&D \\<x\\>`. No library offers this: markdown-it-py and mistune parse, they do not escape."""
    text = MARKDOWN_INLINE.sub(r"\\\1", value)
    text = MARKDOWN_ENTITY.sub(r"\\&", text)
    return MARKDOWN_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _ascii_fold(text: str) -> str:
    """Latin letters without their accents (NFKD, then ASCII): the fallback of `slug` when
    python-slugify is not installed next to Copier. Other scripts vanish."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(value: str, fallback: str = FALLBACK_SLUG) -> str:
    """A valid project slug from a free-text name: `Café Crème` gives `cafe-creme`, `Проект API`
    `proekt-api`, `日本のAPI` `ri-ben-noapi` (python-slugify's transliteration through
    text-unidecode). Leading digits and hyphens go (the slug names a Python package and a
    database); at most 50 characters, cut at a hyphen when one is near; `fallback` when nothing
    is left. Without python-slugify, accents are stripped and other scripts fall back."""
    if _python_slugify is not None:
        text = _python_slugify(value, max_length=SLUG_MAX * 2)
    else:
        text = re.sub(r"[^a-z0-9]+", "-", _ascii_fold(value).lower())
    text = re.sub(r"^[^a-z]+", "", text)
    if len(text) > SLUG_MAX:
        cut = text[:SLUG_MAX]
        text = cut.rsplit("-", 1)[0] if "-" in cut[SLUG_MAX // 2 :] else cut
    text = text.strip("-")
    return text or fallback


def git_config(key: str) -> str:
    """`git config --get KEY` (e.g. `user.name`) as the user's git sees it here, or "" when git
    is missing, has no such value or takes more than 5 s. Used for the author defaults."""
    try:
        result = subprocess.run(
            ["git", "config", "--get", key], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


FILTERS = {
    "json_string": json_string,
    "python_string": python_string,
    "toml_string": toml_string,
    "yaml_string": yaml_string,
    "spring_property": spring_property,
    "spring_yaml": spring_yaml,
    "xml_text": xml_text,
    "html_text": html_text,
    "markdown_text": markdown_text,
    "slug": slug,
}


class AnswerFilters(Extension):
    """Registers FILTERS and the `git_config` function in Copier's Jinja environment."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(FILTERS)
        environment.globals["git_config"] = git_config
