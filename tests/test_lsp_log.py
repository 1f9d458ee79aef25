"""The language server in training logs, end to end (pytest-lsp, as tests/test_lsp.py):
log files open cleanly; completion offers the plan's sessions at an entry's header,
the session's exercises first on a done line, and the words a done line takes; hover
on an entry shows what its session planned that week (the plan replayed as the log
says it went), and on a done line the planned prescription beside what was done.
Also the plan-side words of issue 13: `if done`, `reset`, `ladder`, `graduate`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

DATA = Path(__file__).parent / "data"
SERVER = [sys.executable, "-c", "from workoutlang.lsp import serve; serve()"]

pytestmark = pytest.mark.asyncio(loop_scope="module")

PLAN = '''\
plan "Base" weeks 4 start 2027-03-01:
  session "Lower" on tue:
    romanian_deadlift 3x8 @ 50kg progress +2.5kg/session if done
    goblet_squat 3x8 @ 16kg progress +2kg/week
    plank 3x45s

  session "Upper" on fri:
    push_up 3x10
    bent_over_row 3x10 @ 30kg
'''

LOG = '''\
log "Base":
  2027-03-02 "Lower":
    romanian_deadlift 8, 8, 7
    goblet_squat 3x8
    plank 45s, 45s, 45s
  2027-03-05 "Upper" skipped note "ill"
  2027-03-09 "Lower":
    romanian_deadlift 3x8 @ 50kg
  2027-03-10 "Upper":
    push_up 10, 10, 10
  2027-03-11 "Legs":
    squat 5
'''


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


_opened = 0


async def open_document(client: LanguageClient, text: str, uri: str | None = None) -> str:
    """Open `text` (under a fresh URI unless given) and wait for its diagnostics."""
    global _opened
    _opened += 1
    uri = uri or (DATA / "lsp" / f"log{_opened}.wol").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="workoutlang", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def end_of(text: str, needle: str) -> types.Position:
    """The position just after the first line that is exactly `needle`."""
    number = text.split("\n").index(needle)
    return types.Position(number, len(needle))


def position(text: str, needle: str, offset: int = 0) -> types.Position:
    number = next(i for i, line in enumerate(text.split("\n")) if needle in line)
    return types.Position(number, text.split("\n")[number].index(needle) + offset)


async def complete(client: LanguageClient, uri: str, at: types.Position) -> list[str]:
    """The labels offered at `at`, in the order an editor shows them (sort text)."""
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), at))
    assert isinstance(result, types.CompletionList)
    return [i.label for i in sorted(result.items, key=lambda i: i.sort_text or i.label)]


async def hover_text(client: LanguageClient, uri: str, at: types.Position) -> str | None:
    result = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), at))
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


# --- a log opens -----------------------------------------------------------------------------


async def test_plan_and_log_files_open_without_errors(client: LanguageClient) -> None:
    for text in (PLAN + "\n" + LOG, LOG):
        uri = await open_document(client, text)
        found = client.diagnostics[uri]
        assert not [d for d in found if d.code == "WOL001" or "internal error" in d.message], \
            [d.message for d in found]


async def test_the_log_checks_see_the_plan_in_the_file_or_beside_it(
        client: LanguageClient, tmp_path: Path) -> None:
    legs = position(LOG, '2027-03-11 "Legs"').line
    uri = await open_document(client, PLAN + "\n" + LOG)
    offset = len((PLAN + "\n").split("\n")) - 1
    assert [(d.code, d.range.start.line) for d in client.diagnostics[uri]
            if str(d.code).startswith("WOL2")] == [("WOL201", legs + offset)]
    alone = await open_document(client, LOG, (tmp_path / "log.wol").as_uri())
    assert not [d for d in client.diagnostics[alone] if str(d.code).startswith("WOL2")]
    (tmp_path / "base.wol").write_text(PLAN, encoding="utf-8")
    beside = await open_document(client, LOG, (tmp_path / "log2.wol").as_uri())
    assert [(d.code, d.range.start.line) for d in client.diagnostics[beside]
            if str(d.code).startswith("WOL2")] == [("WOL201", legs)]


# --- completion --------------------------------------------------------------------------------


async def test_completion_of_session_names_at_an_entry_header(client: LanguageClient) -> None:
    friday = '  2027-03-12 '
    text = PLAN + "\n" + LOG + friday + "\n"
    uri = await open_document(client, text)
    assert await complete(client, uri, end_of(text, friday)) == ['"Upper"', '"Lower"']
    tuesday = text.replace(friday, '  2027-03-16 ')
    uri = await open_document(client, tuesday)
    assert await complete(client, uri, end_of(tuesday, '  2027-03-16 ')) == [
        '"Lower"', '"Upper"']  # the session planned on that weekday first
    quoted = text.replace(friday, '  2027-03-12 "Up')
    uri = await open_document(client, quoted)
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), end_of(quoted, '  2027-03-12 "Up')))
    assert isinstance(result, types.CompletionList)
    upper = next(i for i in result.items if i.label == '"Upper"')
    assert isinstance(upper.text_edit, types.TextEdit)
    assert upper.text_edit.range.start.character == len('  2027-03-12 ')  # from the quote
    after = text.replace(friday, '  2027-03-12 "Upper" ')
    uri = await open_document(client, after)
    assert await complete(client, uri, end_of(after, '  2027-03-12 "Upper" ')) == ["skipped"]


async def test_completion_of_exercises_puts_the_sessions_first(client: LanguageClient) -> None:
    blank = "    "
    text = PLAN + "\n" + LOG.replace("    push_up 10, 10, 10\n",
                                     f"    push_up 10, 10, 10\n{blank}\n")
    uri = await open_document(client, text)
    lines = text.split("\n")
    number = lines.index(blank)
    labels = await complete(client, uri, types.Position(number, len(blank)))
    assert labels[:2] == ["push_up", "bent_over_row"]  # "Upper", in the plan's order
    assert "romanian_deadlift" in labels[2:] and "note" in labels
    assert labels.index("note") > labels.index("romanian_deadlift")


async def typed(client: LanguageClient, tails: list[str]) -> tuple[str, str]:
    """A document that parsed, then the lines `tails` typed in a new entry (which do
    not parse): completion works from the last tree that did."""
    head = PLAN + "\n" + LOG + '  2027-03-16 "Lower":\n'
    uri = await open_document(client, head + "    plank 45s\n")
    text = head + "\n".join(tails) + "\n"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri, text


async def test_completion_of_the_words_of_a_done_line(client: LanguageClient) -> None:
    tails = ["    plank ", "    plank 45s, 40s ", "    plank 45s, 40s left ",
             "    plank skipped ", "    plank 45s @ "]
    uri, text = await typed(client, tails)
    offered = [await complete(client, uri, end_of(text, tail)) for tail in tails]
    assert offered[0] == ["45s, 45s, 45s", "skipped"]  # week 3's plank, as planned
    assert set(offered[1]) == {"@", "each_leg", "each_side", "left", "right", "note"}
    assert set(offered[2]) == {"@", "note"}
    assert offered[3] == ["note"]
    assert {"bw", "80kg rpe 8"} <= set(offered[4])
    assert not {"tempo", "rest", "progress", "reset"} & set(offered[1])


async def test_completion_offers_a_done_line_as_planned(client: LanguageClient) -> None:
    tails = ["    romanian_deadlift ", "    push_up ", "    goblet_squat "]
    uri, text = await typed(client, tails)
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), end_of(text, tails[0])))
    assert isinstance(result, types.CompletionList)
    first = min(result.items, key=lambda i: i.sort_text or "")
    # done in full in week 2, so week 3's load is a step up; the load is left out
    assert (first.label, first.detail) == ("8, 8, 8",
                                           "as planned: romanian_deadlift 3x8 @ 52.5kg")
    assert await complete(client, uri, end_of(text, tails[1])) == ["skipped"]  # not "Lower"
    assert (await complete(client, uri, end_of(text, tails[2])))[0] == "8, 8, 8"


async def test_completion_finds_the_plan_in_a_file_beside_the_log(
        client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "base.wol").write_text(PLAN, encoding="utf-8")
    (tmp_path / "other.wol").write_text('plan "Other":\n  session "X":\n    squat 3x5\n',
                                        encoding="utf-8")
    text = LOG + '  2027-03-12 \n'
    uri = await open_document(client, text, (tmp_path / "log.wol").as_uri())
    assert await complete(client, uri, end_of(text, '  2027-03-12 ')) == ['"Upper"', '"Lower"']
    uri = await open_document(client, LOG, (tmp_path / "log2.wol").as_uri())
    header = await hover_text(client, uri, position(LOG, '2027-03-09', 2))
    assert header is not None and "week 2" in header and "(from `base.wol`)" in header


# --- hover ---------------------------------------------------------------------------------------


async def test_hover_on_an_entry_shows_what_its_session_planned(client: LanguageClient) -> None:
    text = PLAN + "\n" + LOG
    uri = await open_document(client, text)
    first = await hover_text(client, uri, position(text, '2027-03-02', 3))
    assert first is not None
    assert "**Planned: Lower**, week 1, planned on tue 2027-03-02" in first
    assert "- `romanian_deadlift 3x8 @ 50kg`" in first
    assert "- `goblet_squat 3x8 @ 16kg`" in first
    second = await hover_text(client, uri, position(text, '"Lower":', 2))  # on the name
    assert second is not None and "week 1" in second
    later = await hover_text(client, uri, position(text, '2027-03-09'))
    assert later is not None and "week 2" in later
    # 7 reps in week 1: `if done` holds the load; `/week` steps each week all the same
    assert "- `romanian_deadlift 3x8 @ 50kg`" in later
    assert "- `goblet_squat 3x8 @ 18kg`" in later
    skipped = await hover_text(client, uri, position(text, '2027-03-05'))
    assert skipped is not None and "- `push_up 3x10`" in skipped
    assert "Logged as skipped" in skipped
    nowhere = await hover_text(client, uri, position(text, '2027-03-11'))
    assert nowhere is not None
    assert 'Week 2 plans no session "Legs": it has "Lower", "Upper".' in nowhere


async def test_hover_after_a_done_session_shows_the_step(client: LanguageClient) -> None:
    text = PLAN + "\n" + LOG.replace("romanian_deadlift 8, 8, 7", "romanian_deadlift 8, 8, 8")
    uri = await open_document(client, text)
    later = await hover_text(client, uri, position(text, '2027-03-09'))
    assert later is not None and "- `romanian_deadlift 3x8 @ 52.5kg`" in later


async def test_hover_on_a_done_line_shows_plan_beside_done(client: LanguageClient) -> None:
    text = PLAN + "\n" + LOG
    uri = await open_document(client, text)
    short = await hover_text(client, uri, position(text, "romanian_deadlift 8, 8, 7", 3))
    assert short is not None
    assert "**Planned** (Lower, week 1, planned on tue 2027-03-02): " \
        "`romanian_deadlift 3x8 @ 50kg`" in short
    assert "**Done**: `romanian_deadlift 8, 8, 7` — short of the plan (fewest: 7)" in short
    assert "Romanian deadlift" in short  # the exercise's own hover follows
    done = await hover_text(client, uri, position(text, "plank 45s", 1))
    assert done is not None and "**Done**: `plank 45s, 45s, 45s` — done" in done
    stranger = await hover_text(client, uri, position(text, "squat 5", 1))
    assert stranger is not None and "falls on no planned session" in stranger


async def test_hover_on_the_log_header_names_the_plan(client: LanguageClient) -> None:
    text = PLAN + "\n" + LOG
    uri = await open_document(client, text)
    header = await hover_text(client, uri, position(text, 'log "Base"', 6))
    assert header is not None
    assert header.startswith('**Follows** plan "Base": 4 weeks, week 1 from 2027-03-01')
    assert "- 5 entries, 4 on planned sessions" in header  # "Legs" is on none
    assert "- covers the plan up to 2027-03-10" in header
    typing = text.replace('log "Base":', 'log "Base" ')
    uri = await open_document(client, typing)
    assert await complete(client, uri, end_of(typing, 'log "Base" ')) == []


async def test_hover_without_the_plan_says_so(client: LanguageClient) -> None:
    uri = await open_document(client, LOG.replace('log "Base"', 'log "Nowhere"'))
    text = await hover_text(client, uri, position(LOG, '2027-03-02'))
    assert text is not None and 'No plan named "Nowhere"' in text


async def test_the_outline_lists_a_log_and_its_entries(client: LanguageClient) -> None:
    text = PLAN + "\n" + LOG
    uri = await open_document(client, text)
    result = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        types.TextDocumentIdentifier(uri)))
    assert result is not None
    plan, log = result
    assert isinstance(log, types.DocumentSymbol)
    assert (log.name, log.detail) == ("log Base", "5 entries")
    entries = log.children or []
    assert [e.name for e in entries][:2] == ["2027-03-02 Lower", "2027-03-05 Upper"]
    assert entries[1].detail == "skipped"
    assert entries[0].range.end.line == position(text, "plank 45s").line


# --- the plan side ---------------------------------------------------------------------------


async def test_completion_of_if_done_reset_ladder_and_graduate(client: LanguageClient) -> None:
    lines = ["    squat 3x5 progress +2.5kg/session ", "    squat 3x5 progress +2.5kg/session if ",
             "    squat 3x5 progress +2kg/week reset ", "    ", "    ladder 3x5-8 ",
             "    ladder 3x5-8 each_leg graduate ", "      split_squat "]
    text = 'plan "P":\n  session "A":\n' + "\n".join(lines) + "\n"
    uri = await open_document(client, text)
    offered = [await complete(client, uri, end_of(text, line)) for line in lines]
    assert offered[0][0] == "if done"
    assert offered[1] == ["done"]
    assert "-10% after 2 misses" in offered[2] and "-5% after 1 miss" in offered[2]
    assert "ladder" in offered[3]
    assert offered[4][0] == "graduate" and "progress" not in offered[4]
    assert offered[5] == ["3x8"]
    assert offered[6][0] == "each_leg"
    assert not {"progress", "reset", "graduate"} & set(offered[6])  # a rung's own words
