"""The UI adapts core objects for people; it never talks to the database itself (STYLE 3)."""

import ast
from pathlib import Path

import desktop_app.ui

UI = Path(desktop_app.ui.__file__).parent
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", "CREATE TABLE")


def ui_modules() -> list[Path]:
    return sorted(UI.glob("*.py"))


def test_no_ui_module_imports_a_database_driver():
    for path in ui_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                assert not [n for n in names if n.split(".")[0] in ("sqlite3", "sqlcipher3")], path.name
                assert not [n for n in names if n.endswith("vault.database")], path.name


def test_no_ui_module_holds_sql_or_reaches_for_the_connection():
    for path in ui_modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not any(word in node.value for word in SQL_WORDS), f"{path.name}: {node.value!r}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("execute", "executemany", "executescript", "db", "conn"), f"{path.name}: .{node.attr}"


def test_init_holds_no_logic():
    assert (UI / "__init__.py").read_text("utf-8").strip() == ""
