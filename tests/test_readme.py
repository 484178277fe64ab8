"""README.md of the template tells the truth about what copier.yml offers."""

from scripts.matrix import README, current_section, matrix


def test_the_readme_matrix_matches_copier_yml():
    assert current_section(README.read_text()) == matrix(), "run `make readme-matrix`"
