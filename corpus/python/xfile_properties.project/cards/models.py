from dataclasses import dataclass

from django.utils.html import format_html


@dataclass
class Badge:
    name: str
    team: str

    @property
    def html(self):
        return format_html("<span class='badge'>{} &middot; {}</span>", self.name, self.team)

    @property
    def plain_html(self):
        return f"<span class='badge'>{self.name} &middot; {self.team}</span>"


@dataclass
class Sorting:
    field: str
    descending: bool = False

    @property
    def clause(self):
        column = {"name": "name", "joined": "joined_at"}.get(self.field, "id")
        return f"ORDER BY {column} {'DESC' if self.descending else 'ASC'}"

    @property
    def loose_clause(self):
        return f"ORDER BY {self.field}"
