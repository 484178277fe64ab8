"""README.md of the template tells the truth about what copier.yml offers."""

from scripts.matrix import README, current_section, matrix


def test_the_readme_matrix_matches_copier_yml():
    assert current_section(README.read_text()) == matrix(), "run `make readme-matrix`"


def test_the_matrix_has_a_column_for_every_question_that_shapes_the_project():
    """Issue 13.6 ("README matrix"): each question with choices that changes what is generated has
    its column (plural allowed: `databases`), the deploy question's included; only the language
    (implied by the framework) and the license (one file) are left out."""
    from tests.support import questions

    header = matrix().splitlines()[1]
    columns = {cell.strip() for cell in header.strip("|").split("|")}
    shaping = [
        name
        for name, spec in questions().items()
        if isinstance(spec, dict)
        and (spec.get("choices") or spec.get("type") == "bool")
        and name not in ("language", "license")
    ]
    assert "deploy" in shaping
    missing = [name for name in shaping if not {name, f"{name}s"} & columns]
    assert not missing, f"README matrix columns {sorted(columns)} lack {missing}"
    [spring] = [row for row in matrix().splitlines() if row.startswith("| Java / Spring Boot |")]
    # Render runs Java from an image only (copier.yml's validator): the cell says so.
    assert "`render`: postgresql (docker yes)" in spring, spring


def test_the_contract_in_docs_is_the_design_teams_contract():

    from tests.support import TEMPLATE_ROOT

    design = TEMPLATE_ROOT.parent / "shared" / "CONTRACT.md"
    ours = TEMPLATE_ROOT / "docs" / "CONTRACT.md"
    if design.exists():  # the design repository sits beside this one in development and CI
        assert ours.read_text() == design.read_text(), "copy ../shared/CONTRACT.md to docs/"
    assert ours.read_text().startswith("# The contract every generated stack serves")
