"""A report's citation, formatted in one place from its fields.

The form is the one the seed's report suggests:
``Karcı Korfalı, D. (ed.) (2018). *Title*. IOM, Geneva.`` — editors (several
separated by ";"), "(ed.)" or "(eds.)", the year, the title in emphasis, then
publisher and place. Missing parts are left out with their punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    editors: str
    year: int | None
    title: str
    publisher: str
    place: str

    def parts(self) -> tuple[str, str, str]:
        """(what comes before the title, the title, what follows it)."""
        before = []
        names = [name.strip() for name in self.editors.split(";") if name.strip()]
        if names:
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            before.append(f"{joined} ({'ed.' if len(names) == 1 else 'eds.'})")
        if self.year:
            before.append(f"({self.year}).")
        elif before:
            before[-1] += "."
        where = ", ".join(part for part in (self.publisher.strip(), self.place.strip()) if part)
        return " ".join(before), self.title.strip(), f"{where}." if where else ""

    def as_text(self) -> str:
        """The citation as Markdown-like text, the title between asterisks."""
        before, title, after = self.parts()
        return " ".join(part for part in (before, f"*{title}*." if title else "", after) if part)
