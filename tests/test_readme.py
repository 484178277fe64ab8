"""README.md of the template tells the truth about what copier.yml offers."""

from scripts.matrix import README, current_section, matrix


def test_the_readme_matrix_matches_copier_yml():
    assert current_section(README.read_text()) == matrix(), "run `make readme-matrix`"


def test_the_contract_in_docs_is_the_design_teams_contract():

    from tests.support import TEMPLATE_ROOT

    design = TEMPLATE_ROOT.parent / "shared" / "CONTRACT.md"
    ours = TEMPLATE_ROOT / "docs" / "CONTRACT.md"
    if design.exists():  # the design repository sits beside this one in development and CI
        assert ours.read_text() == design.read_text(), "copy ../shared/CONTRACT.md to docs/"
    assert ours.read_text().startswith("# The contract every generated stack serves")
