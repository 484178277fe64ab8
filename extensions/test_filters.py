"""The answer filters: every format reads back exactly the answer that went in."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment
from markdown_it import MarkdownIt

from extensions import filters
from extensions.filters import (
    git_config,
    html_text,
    json_string,
    markdown_text,
    python_string,
    slug,
    spring_property,
    spring_yaml,
    toml_string,
    xml_text,
    yaml_string,
)

# The hostile answer of issue 9.2, plus what each format treats specially.
HOSTILE = "R&D <Tracker> 'x' \"q\" \\ ${x} {{ y }} {% z %} % # Café Crème 日本"
ANSWERS = [
    HOSTILE,
    "My API",
    'say "hi"',
    "it's",
    "\\u0022 \\n \\",
    "trailing \\",
    "tab\there \x7f del",
    "emoji 🚀 and \u2028 separator",
    "&amp; &#35; &copy;",
    "- not a list",
    "1. not a list",
    "2) neither",
    "> not a quote",
    "=== not a heading underline",
    "# not a heading #",
    "*em* _em_ **b** `code` ~~s~~ $math$ [l](u) ![i](u) <b>html</b> <http://x.y> a | b",
    "#{1+1} ${a:b} ${${x}}",
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_json_toml_and_yaml_read_back_the_answer(answer):
    assert json.loads(json_string(answer)) == answer
    assert tomllib.loads(f"k = {toml_string(answer)}")["k"] == answer
    assert yaml.safe_load(f"k: {yaml_string(answer)}")["k"] == answer
    assert "\n" not in yaml_string(answer)


@pytest.mark.parametrize("answer", ANSWERS)
def test_python_literals_read_back_and_are_left_alone_by_ruff_format(answer, tmp_path):
    literal = python_string(answer)
    assert ast.literal_eval(literal) == answer
    source = tmp_path / "x.py"
    source.write_text(f"X = {literal}\n", encoding="utf-8")
    ruff = Path(sys.executable).with_name("ruff")
    check = subprocess.run(
        [str(ruff), "format", "--check", "--diff", "--no-cache", str(source)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_python_literals_take_the_quote_ruff_format_takes():
    assert python_string("it's") == '"it\'s"'
    assert python_string('say "hi"') == "'say \"hi\"'"
    assert python_string("'a' \"b\"") == '"\'a\' \\"b\\""'  # a tie keeps double quotes


# Escaped with spring_property, read back by spring-core 7.0.10's Environment.getProperty from a
# MapPropertySource (measured on 2026-11-29; kept here as the rule's examples).
SPRING_CASES = {
    "Costs in ${EUR}": "Costs in \\${EUR}",
    "a\\${x}": "a\\\\${x}",
    "${": "${",
    "x ${ y": "x ${ y",
    "${a ${b}": "${a \\${b}",
    "${a} ${": "\\${a} ${",
    "${}": "\\${}",
    "${a:b}": "\\${a:b}",
    "${${x}}": "\\${\\${x}}",
    "$${x}": "$\\${x}",
    "${x}}": "\\${x}}",
    "#{1+1}": "#{1+1}",
    "${a {b} c": "${a {b} c",
    "${a {b} c}": "\\${a {b} c}",
    "\\": "\\",
    "a\\:b": "a\\:b",
}


@pytest.mark.parametrize(("answer", "escaped"), SPRING_CASES.items())
def test_spring_placeholders_are_made_literal_where_spring_would_resolve_them(answer, escaped):
    assert spring_property(answer) == escaped


def test_spring_yaml_is_yaml_of_the_escaped_property():
    assert yaml.safe_load(f"k: {spring_yaml(HOSTILE)}")["k"] == spring_property(HOSTILE)


@pytest.mark.parametrize("answer", ANSWERS)
def test_xml_text_and_attributes_read_back(answer):
    if "\x7f" in answer or "\t" in answer:
        answer = answer.replace("\x7f", "").replace("\t", " ")  # XML attributes normalise tabs
    element = ElementTree.fromstring(
        f"<a b=\"{xml_text(answer)}\" c='{xml_text(answer)}'>{xml_text(answer)}</a>"
    )
    assert element.text == element.get("b") == element.get("c") == answer


@pytest.mark.parametrize("answer", ANSWERS)
def test_html_text_reads_back(answer):
    import html

    assert html.unescape(html_text(answer)) == answer
    assert not set("<>\"'") & set(html_text(answer))


def inline_text(markdown: str) -> str:
    """The text a CommonMark + GFM renderer shows for the last block: only text runs, no markup
    (no list, quote or table either: the block is a heading or a paragraph)."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(markdown)
    assert {t.type for t in tokens} <= {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
    }, markdown
    last = [token for token in tokens if token.type == "inline"][-1]
    kinds = {child.type for child in last.children}
    assert kinds <= {"text"}, f"{markdown!r} renders {kinds}"
    return "".join(child.content for child in last.children)


@pytest.mark.parametrize("answer", [a.strip() for a in ANSWERS if "\x7f" not in a])
def test_markdown_renders_the_answer_as_plain_text_in_a_heading_and_a_paragraph(answer):
    assert inline_text(f"# {markdown_text(answer)}\n") == answer
    assert inline_text(f"intro\n\n{markdown_text(answer)}\n") == answer


def test_markdown_leaves_ordinary_text_readable():
    assert markdown_text("A backend for R&D, v2.0 (beta).") == "A backend for R&D, v2.0 (beta)."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("My API", "my-api"),
        ("  2 Shiny New API! ", "shiny-new-api"),
        ("Café Crème", "cafe-creme"),
        ("Проект API", "proekt-api"),
        ("日本のAPI", "ri-ben-noapi"),
        ("日本", "ri-ben"),
        ("R&D Tracker", "r-d-tracker"),
        ("!!!", "my-api"),
        ("123", "my-api"),
        ("🚀", "my-api"),
        ("word " * 20, "word-word-word-word-word-word-word-word-word-word"),
        ("a" * 80, "a" * 50),
    ],
)
def test_the_slug_transliterates_and_falls_back_to_a_valid_one(name, expected):
    result = slug(name)
    assert result == expected
    assert len(result) <= 50
    assert result[0].isalpha() and not result.endswith("-")


def test_without_python_slugify_accents_are_dropped_and_other_scripts_fall_back(monkeypatch):
    monkeypatch.setattr(filters, "_python_slugify", None)
    assert slug("Café Crème") == "cafe-creme"
    assert slug("Проект") == "my-api"


def test_git_config_reads_the_user_identity_or_gives_nothing(tmp_path, monkeypatch):
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    assert git_config("user.name") == "Ada Lovelace"
    assert git_config("user.email") == "ada@example.com"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    assert git_config("user.name") == ""
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all
    assert git_config("user.name") == ""


def test_the_extension_registers_the_filters_and_git_config():
    env = Environment(extensions=[filters.AnswerFilters])
    assert (
        env.from_string("{{ x | xml_text }} {{ 'Élan' | slug }}").render(x="a&b") == "a&amp;b elan"
    )
    assert callable(env.globals["git_config"])
