"""Mojibake in a page: found with ftfy, reported with the repair, never in code."""

from __future__ import annotations

from mkdocs_reveal.markup.mojibake import mojibake_problems


def test_a_misread_line_is_reported_with_its_repair_at_its_line() -> None:
    text = "# Title\n\nFine text.\n**[ğŸ“– Read Part 1 â†’](part-1.md)**\n"
    [problem] = mojibake_problems(text, first_line=5)
    assert problem.line == 8
    assert "repaired, it reads: **[📖 Read Part 1 →](part-1.md)**" in problem.message


def test_code_spans_and_fences_quote_mojibake_on_purpose() -> None:
    text = (
        "Mojibake looks like `ğŸ“–` in a page.\n"
        "```text\nğŸ“– Read Part 1 â†’\n```\n"
        "~~~\nâ€” more\n~~~\n"
        "> ```\n> ğŸ“–\n> ```\n"
    )
    assert mojibake_problems(text) == []


def test_prose_in_many_languages_is_not_mojibake() -> None:
    text = (
        "“Curly quotes”, ‘single’, it’s — an em dash – an en dash… «Ça va ?» £5 and 10 °C\n"
        "Türkçe: ağaç, şehir, İstanbul. Ελληνικά: καλημέρα. Русский: привет. Ärger, Öl, Übel.\n"
        "日本語のテキスト、中文文本、한국어 텍스트. עברית ועربية. 📖 🔖 👩‍💻 🇳🇴\n"
        "Dansk: æøå ÆØÅ. Français : œuvre, naïve, Noël. Español: ¿qué? ¡sí! Čeština: žluťoučký.\n"
    )
    assert mojibake_problems(text) == []
