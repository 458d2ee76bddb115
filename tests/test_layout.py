"""The package layout is the architecture: the web side (finder.web, finder.cli) uses the
domain packages, never the reverse, and the domain never touches a request."""

from __future__ import annotations

import ast
from pathlib import Path

import finder

PACKAGE = Path(finder.__file__).resolve().parent
DOMAIN = ("meetings", "geo", "peer", "importers", "models", "vocabulary.py")
OUTER = ("finder.web", "finder.cli")
# What only a view may reach for: the request, the session, responses.
REQUEST_OBJECTS = {"request", "session", "g", "abort", "redirect", "url_for", "render_template"}
# What belongs to one app: a domain function is handed the config it needs instead, so two
# apps (a test's and the browser tests', say) never share a setting.
APP_OBJECTS = {"current_app"}
# The one exception: SQLAlchemy calls a column type with only the value and the database
# dialect, so the encrypted column finds its key in the app of the moment.
REACHES_FOR_THE_APP = {"models/encrypted.py"}


def domain_modules():
    for part in DOMAIN:
        path = PACKAGE / part
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def imports(path: Path):
    """(module, name) for every import in a file; name is None for `import module`."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from ((node.module, alias.name) for alias in node.names)


def test_the_domain_packages_exist_where_the_readme_says():
    assert all((PACKAGE / part).exists() for part in DOMAIN)


def test_no_domain_module_imports_the_web_side_or_the_command_line():
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in domain_modules()
        for module, name in imports(path)
        if any(
            f"{module}.{name}" == outer or module == outer or module.startswith(outer + ".")
            for outer in OUTER
        )
    ]
    assert wrong == []


def test_no_domain_module_reaches_for_the_request():
    wrong = [
        f"{path.relative_to(PACKAGE)} imports flask.{name}"
        for path in domain_modules()
        for module, name in imports(path)
        if module == "flask" and name in REQUEST_OBJECTS
    ]
    assert wrong == []


def test_no_domain_module_reaches_for_the_app():
    wrong = [
        f"{path.relative_to(PACKAGE)} imports flask.{name}"
        for path in domain_modules()
        if str(path.relative_to(PACKAGE)) not in REACHES_FOR_THE_APP
        for module, name in imports(path)
        if module == "flask" and name in APP_OBJECTS
    ]
    assert wrong == []


def test_the_top_of_the_package_holds_only_the_app_and_what_every_part_shares():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == [
        "__init__.py", "bootstrap.py", "config.py", "extensions.py", "logs.py", "plain_text.py",
        "production.py", "vocabulary.py",
    ]  # fmt: skip
