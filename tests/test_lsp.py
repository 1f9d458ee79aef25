"""The language server end to end: a real LSP client (pytest-lsp) talks to
`serve()` in a subprocess over stdio. One server serves the whole module; each
test opens its own document.

The plan under test is tests/data/lsp/problems.wol: an unknown exercise
(WOL002), two lines without a side (WOL006, one leg and one core exercise),
a custom exercise defined at the end and used before, and a week block.
"""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

import attrs
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from workoutlang.catalogue import load_catalogue
from workoutlang.formatter import format_text

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
PROBLEMS = (DATA / "lsp" / "problems.wol").read_text(encoding="utf-8")
SERVER = [sys.executable, "-c", "from workoutlang.lsp import serve; serve()"]

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


_opened = 0


async def open_document(client: LanguageClient, text: str) -> str:
    """Open `text` under a fresh URI and wait for its diagnostics."""
    global _opened
    _opened += 1
    uri = (DATA / "lsp" / f"doc{_opened}.wol").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="workoutlang", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def line_of(text: str, needle: str) -> int:
    """0-based number of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def position(text: str, needle: str, offset: int = 0) -> types.Position:
    """The position of `needle` (plus `offset` characters) in `text`."""
    number = line_of(text, needle)
    return types.Position(number, text.split("\n")[number].index(needle) + offset)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """`text` with non-overlapping single-line or whole-file edits applied (ASCII only)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p: types.Position) -> int:
        return min(offsets[min(p.line, len(lines))] + p.character, len(text))

    for edit in sorted(edits, key=lambda e: at(e.range.start), reverse=True):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end):]
    return text


# --- diagnostics -------------------------------------------------------------------------


async def test_diagnostics_on_open(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    found = {(d.code, d.range.start.line): d for d in client.diagnostics[uri]}
    unknown = found["WOL002", line_of(PROBLEMS, "squatt")]
    assert unknown.severity == types.DiagnosticSeverity.Error
    assert unknown.source == "workoutlang"
    assert unknown.range == types.Range(position(PROBLEMS, "squatt"),
                                        position(PROBLEMS, "squatt", len("squatt")))
    assert unknown.code_description is not None
    # the docs page as installed (here the checkout's docs/): a file that exists
    href = unknown.code_description.href
    assert href == (ROOT / "docs" / "checks" / "WOL002.md").as_uri()
    assert Path(urllib.parse.unquote(urllib.parse.urlparse(href).path)).is_file()
    assert "did you mean squat?" in unknown.message
    assert ("WOL006", line_of(PROBLEMS, "step_up")) in found
    assert ("WOL006", line_of(PROBLEMS, "pallof_press")) in found
    # the unknown squatt leaves a hole in the plan's weeks: the whole-week checks skip
    # the plan (no WOL106 at its header), and the first WOL002 says so
    assert ("WOL106", line_of(PROBLEMS, "plan \"Problems")) not in found
    (note,) = unknown.related_information or ()
    assert note.location.range.start.line == line_of(PROBLEMS, "plan \"Problems")
    assert "checks are skipped until this name is fixed" in note.message


async def test_diagnostics_on_change(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    broken = PROBLEMS.replace("squatt 3x5", "glute_bridge 3x5 @")
    await change_document(client, uri, broken, 2)
    (syntax,) = client.diagnostics[uri]
    assert syntax.code == "WOL001"
    assert syntax.range.start.line == line_of(broken, "glute_bridge 3x5 @")
    fixed = broken.replace("glute_bridge 3x5 @", "glute_bridge 3x5").replace(
        "tempo 3-1-1", "tempo 3-1-1 each_leg")
    await change_document(client, uri, fixed, 3)
    codes = sorted(str(d.code) for d in client.diagnostics[uri])
    assert codes == ["WOL006", "WOL102", "WOL106"]  # only the pallof_press line is left
    (warning,) = [d for d in client.diagnostics[uri] if d.code == "WOL106"]
    assert warning.severity == types.DiagnosticSeverity.Warning


# --- completion --------------------------------------------------------------------------


async def complete(client: LanguageClient, uri: str, at: types.Position
                   ) -> dict[str, types.CompletionItem]:
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), at))
    assert isinstance(result, types.CompletionList)
    return {item.label: item for item in result.items}


async def test_completion_of_exercise_names(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    items = await complete(client, uri, position(PROBLEMS, "squatt", 3))
    rdl = load_catalogue().exercises["romanian_deadlift"]
    assert items["romanian_deadlift"].detail == " ".join(sorted(rdl.tags))
    assert items["hip_hike"].detail == "balance glutes single_leg (defined in this file)"
    assert "superset" in items and "each_leg" not in items
    edit = items["squat"].text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.range.start == position(PROBLEMS, "squatt")  # replaces the word typed so far


async def test_completion_of_modifiers_and_values(client: LanguageClient) -> None:
    text = PROBLEMS.replace("step_up 3x8 tempo 3-1-1", "step_up 3x8 tempo 3-1-1 ")
    uri = await open_document(client, text)
    end = position(text, "tempo 3-1-1 ", len("tempo 3-1-1 "))
    items = await complete(client, uri, end)
    assert {"each_leg", "each_side", "left", "right", "@", "rest", "note"} <= set(items)
    assert "tempo" not in items  # already on the line
    assert items["each_leg"].sort_text < items["each_side"].sort_text  # the natural side first
    after_at = await complete(client, uri, position(text, "@ band:medium", 2))
    assert {"band:light", "band:medium", "band:heavy", "bw"} <= set(after_at)
    band = await complete(client, uri, position(text, "band:medium", len("band:")))
    assert "band:heavy" in band
    days = await complete(client, uri, position(text, "on mon", 3))
    assert list(days) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


async def test_completion_works_while_the_file_has_errors(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    broken = PROBLEMS.replace("squatt 3x5", "hip_h")
    await change_document(client, uri, broken, 2)
    assert any(d.code == "WOL001" for d in client.diagnostics[uri])
    items = await complete(client, uri, position(broken, "hip_h", len("hip_h")))
    assert "hip_hike" in items  # from the last tree that parsed


# --- hover -------------------------------------------------------------------------------


async def hover_text(client: LanguageClient, uri: str, at: types.Position) -> str | None:
    result = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), at))
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def test_hover_on_exercise(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    text = await hover_text(client, uri, position(PROBLEMS, "romanian_deadlift", 4))
    assert text is not None
    for part in ("Romanian deadlift", "posterior_chain", "both sides at once", "reps",
                 "FIT: `deadlift/romanian_deadlift`"):
        assert part in text
    custom = await hover_text(client, uri, position(PROBLEMS, "hip_hike 3x10", 1))
    assert custom is not None
    for part in ("single_leg", "one side at a time", "hip_stability/standing_hip_abduction",
                 "hips level", "defined in this file, line 17"):
        assert part in custom
    assert await hover_text(client, uri, position(PROBLEMS, "3x8 @", 1)) is None


async def test_hover_names_every_measure_an_exercise_accepts() -> None:
    from workoutlang.catalogue import load_catalogue
    from workoutlang.lsp import exercise_markdown

    catalogue = load_catalogue()
    assert "- measured in reps (or time)\n" in exercise_markdown(catalogue.lookup("dead_bug"))
    assert "- measured in reps\n" in exercise_markdown(catalogue.lookup("squat"))


async def test_hover_on_check_code(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    text = await hover_text(client, uri, position(PROBLEMS, "disable=WOL006", 10))
    assert text is not None
    assert "WOL006 missing-side" in text
    assert f"[Documentation]({(ROOT / 'docs' / 'checks' / 'WOL006.md').as_uri()})" in text
    assert "step_up 3x8 tempo 3-1-1 each_leg" in text  # the rule's good example


# --- formatting, definition, symbols ------------------------------------------------------


async def test_formatting(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        types.TextDocumentIdentifier(uri), types.FormattingOptions(2, True)))
    assert edits is not None
    assert apply(PROBLEMS, edits) == format_text(PROBLEMS) != PROBLEMS
    formatted = await open_document(client, format_text(PROBLEMS))
    unchanged = await client.text_document_formatting_async(types.DocumentFormattingParams(
        types.TextDocumentIdentifier(formatted), types.FormattingOptions(2, True)))
    assert unchanged is not None and not list(unchanged)


async def test_formatting_refuses_syntax_errors(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS.replace("squatt 3x5", "squat 3x5 @"))
    assert await client.text_document_formatting_async(types.DocumentFormattingParams(
        types.TextDocumentIdentifier(uri), types.FormattingOptions(2, True))) is None


async def test_definition_of_custom_exercise(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    result = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), position(PROBLEMS, "hip_hike 2x8", 2)))
    assert isinstance(result, list) and len(result) == 1
    (location,) = result
    assert isinstance(location, types.Location)
    assert location.uri == uri
    assert location.range.start == position(PROBLEMS, "hip_hike:")
    builtin = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), position(PROBLEMS, "plank 2x30s", 1)))
    assert builtin is None


async def test_document_symbols(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    result = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        types.TextDocumentIdentifier(uri)))
    assert result is not None
    plan, definition = result
    assert isinstance(plan, types.DocumentSymbol) and isinstance(definition, types.DocumentSymbol)
    assert (plan.name, definition.name) == ("Problems", "hip_hike")
    assert plan.range.start.line == line_of(PROBLEMS, "plan \"Problems")
    assert plan.range.end.line == line_of(PROBLEMS, "hip_hike 2x8")
    assert [c.name for c in plan.children or []] == ["Lower", "week 4"]
    week = (plan.children or [])[1]
    assert [s.name for s in week.children or []] == ["Easy"]
    assert definition.range.end.line == line_of(PROBLEMS, "note ")


# --- quick fixes -------------------------------------------------------------------------


async def fixes(client: LanguageClient, uri: str, code: str
                ) -> tuple[types.Diagnostic, list[types.CodeAction]]:
    (diagnostic, *_) = [d for d in client.diagnostics[uri] if d.code == code]
    result = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diagnostic.range,
        types.CodeActionContext(diagnostics=[diagnostic])))
    assert result is not None
    return diagnostic, [a for a in result if isinstance(a, types.CodeAction)]


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


async def test_quick_fix_unknown_exercise(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    diagnostic, (action,) = await fixes(client, uri, "WOL002")
    assert action.title == "Replace with squat"
    assert action.kind == types.CodeActionKind.QuickFix
    assert list(action.diagnostics or []) == [diagnostic]
    assert "    squat 3x5\n" in apply(PROBLEMS, edits_of(action, uri))


async def test_quick_fix_missing_side(client: LanguageClient) -> None:
    text = PROBLEMS.replace("    step_up 3x8 tempo 3-1-1\n", "")
    uri = await open_document(client, text.replace("band:medium", "band:medium  # core"))
    _, (action,) = await fixes(client, uri, "WOL006")
    assert action.title == "Add each_side"  # a core exercise: each_side
    fixed = apply(text.replace("band:medium", "band:medium  # core"), edits_of(action, uri))
    assert "pallof_press 3x12 @ band:medium each_side  # core\n" in fixed

    leg = await open_document(client, PROBLEMS)
    _, (first, *_) = await fixes(client, leg, "WOL006")
    assert first.title == "Add each_leg"
    assert "step_up 3x8 tempo 3-1-1 each_leg\n" in apply(PROBLEMS, edits_of(first, leg))


async def test_quick_fixes_do_not_read_the_message(client: LanguageClient) -> None:
    uri = await open_document(client, PROBLEMS)
    for code, title in (("WOL002", "Replace with squat"), ("WOL006", "Add each_leg")):
        (diagnostic, *_) = [d for d in client.diagnostics[uri] if d.code == code]
        for reworded in (attrs.evolve(diagnostic, message="reworded"),
                         attrs.evolve(diagnostic, message="reworded", data=None)):
            result = await client.text_document_code_action_async(types.CodeActionParams(
                types.TextDocumentIdentifier(uri), reworded.range,
                types.CodeActionContext(diagnostics=[reworded])))
            assert result is not None
            assert [a.title for a in result if isinstance(a, types.CodeAction)][:1] == [title]


# --- language v2 ---------------------------------------------------------------------------

V2 = (DATA / "lsp" / "v2.wol").read_text(encoding="utf-8")


async def test_hover_shows_a_lines_resolved_weights_week_by_week(client: LanguageClient) -> None:
    uri = await open_document(client, V2)
    text = await hover_text(client, uri, position(V2, "squat 5x10", 1))
    assert text is not None and "**Week by week**" in text
    # 50 % of the training max (315 × 0.9 = 283.5 lb, then 293.5 lb) to 5 lb
    assert "- weeks 1-4: 5x10 @ 140lb (50%tm)\n- weeks 5-8: 5x10 @ 145lb (50%tm)" in text
    row = await hover_text(client, uri, position(V2, "1x5 @ 65%tm", 1))
    assert row is not None
    assert "- week 1: 1x5 @ 185lb (65%tm), 1x5 @ 215lb (75%tm), 1x5+ @ 240lb (85%tm)" in row
    assert "- week 5: 1x5 @ 190lb (65%tm), 1x5 @ 220lb (75%tm), 1x5+ @ 250lb (85%tm)" in row
    assert "week 2" not in row  # the row is done in week 1 of each cycle only
    rotating = await hover_text(client, uri, position(V2, "step_up", 1))
    assert rotating is not None and "- week 1: 3x8 @ 20lb" in rotating
    assert "- week 2: 3x9 @ 20lb" in rotating  # A's second turn is week 2's Monday


async def test_completion_of_the_v2_keywords(client: LanguageClient) -> None:
    text = V2 + '  session "C" \n  max \n  max squat 300lb \n  rotation on mon, \n    squat \n'
    uri = await open_document(client, text)
    lines = text.split("\n")

    async def at_end(needle: str) -> dict[str, types.CompletionItem]:
        number = lines.index(needle)
        return await complete(client, uri, types.Position(number, len(needle)))

    assert {"on", "2 per week"} <= set(await at_end('  session "C" '))
    assert "romanian_deadlift" in await at_end("  max ")
    assert set(await at_end("  max squat 300lb ")) == {"tm", "progress"}
    assert set(await at_end("  rotation on mon, ")) == {"tue", "wed", "thu", "fri", "sat", "sun"}
    assert "wave" in await at_end("    squat ")
    rests = await complete(client, uri, position(V2, "rest 3min", 5))
    assert {"1min", "1min30s", "2min", "lap"} <= set(rests) and "2m" not in rests
    progress = await complete(client, uri, position(V2, "progress double", 9))
    assert {"+2.5kg/session", "+5kg/cycle", "double +2.5kg"} <= set(progress)
    loads = await complete(client, uri, position(V2, "@ 50%tm", 2))
    assert {"85%tm", "80kg rpe 8"} <= set(loads)


# --- recovery past a broken header (issue 16, point 2) -----------------------------------


async def test_a_header_missing_its_colon_hides_no_other_diagnostic(
        client: LanguageClient) -> None:
    text = (DATA / "recover" / "missing_colon_session.wol").read_text(encoding="utf-8")
    uri = await open_document(client, text)
    found = sorted((d.range.start.line, d.range.start.character, str(d.code))
                   for d in client.diagnostics[uri])
    assert found == [(line_of(text, 'session "A" on mon'), 20, "WOL001"),
                     (line_of(text, "squatt"), 4, "WOL002"),
                     (line_of(text, "tempo 3-1"), 17, "WOL003"),
                     (line_of(text, "step_up"), 4, "WOL006")]
    _, (action,) = await fixes(client, uri, "WOL001")
    assert action.title == 'Add ":"'
    assert '  session "A" on mon:  # E: WOL001\n' in apply(text, edits_of(action, uri))
